"""One date and time style per language (settings.FORMAT_MODULE_PATH), used by every template filter
and form: Indonesian "30 Nov 2026 07.42", English "30 Nov 2026, 07:42"."""
