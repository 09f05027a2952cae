from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from .. import throttle, tokens


class TokenThrottle(AnonRateThrottle):
    scope = "token"


class TokenResponse(serializers.Serializer):
    token = serializers.CharField()
    expires = serializers.DateTimeField()


class TokenInfo(serializers.Serializer):
    prefix = serializers.CharField(
        help_text="enam karakter pertama kunci; kunci utuh hanya tampil saat dibuat"
    )
    created = serializers.DateTimeField()
    expires = serializers.DateTimeField()
    expired = serializers.BooleanField()


class ObtainTokenView(APIView):
    """Exchange a username and password for an API token (throttled, locks after failures)."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [TokenThrottle]

    @extend_schema(request=AuthTokenSerializer, responses={200: TokenResponse})
    def post(self, request):
        username = str(request.data.get("username", ""))
        address = throttle.client_address(request)
        if throttle.is_locked(username, address):
            return Response(
                {
                    "detail": "Terlalu banyak percobaan gagal; coba lagi nanti.",
                    "code": "locked",
                    "errors": {},
                },
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        if not serializer.is_valid():
            throttle.record_failure(username, address)
            serializer.is_valid(raise_exception=True)
        throttle.record_success(username)
        token = tokens.issue(serializer.validated_data["user"])
        return Response({"token": token.key, "expires": tokens.expires_at(token)})


class OwnTokensView(APIView):
    """The signed-in user's own API tokens: list them, or revoke them all."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: TokenInfo(many=True)})
    def get(self, request):
        return Response(TokenInfo(tokens.tokens_of(request.user), many=True).data)

    @extend_schema(responses={204: None})
    def delete(self, request):
        tokens.revoke(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
