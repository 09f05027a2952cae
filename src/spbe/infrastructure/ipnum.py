"""IP numbers as the database keeps them: a fixed-width hexadecimal key per address (32 digits,
so IPv4 and IPv6 both fit and string order is numeric order on SQLite and PostgreSQL alike) and
the family beside it. A prefix is the range [first, last] of its keys; containment and overlap
are range comparisons on indexed columns. Python's `ipaddress` parses and prints."""

import ipaddress

KEY_WIDTH = 32


def key(number: int) -> str:
    return f"{number:0{KEY_WIDTH}x}"


def number(value: str) -> int:
    return int(value, 16)


def parse_address(text: str):
    """An ip_address, or ValueError. A host written with a length ("10.0.0.5/24") keeps the host."""
    text = (text or "").strip()
    if "/" in text:
        return ipaddress.ip_interface(text).ip
    return ipaddress.ip_address(text)


def parse_network(text: str):
    """An ip_network (strict: host bits must be zero), or ValueError."""
    return ipaddress.ip_network((text or "").strip(), strict=True)


def network_keys(network) -> tuple[str, str]:
    return key(int(network.network_address)), key(int(network.broadcast_address))


def is_public(network_or_address) -> bool:
    return bool(network_or_address.is_global)


def usable_range(network) -> tuple[int, int]:
    """The host numbers of a prefix: without the network and broadcast addresses of an IPv4
    prefix longer than /31 and without the subnet-router anycast address of IPv6 below /127."""
    first, last = int(network.network_address), int(network.broadcast_address)
    if network.version == 4 and network.prefixlen < 31:
        return first + 1, last - 1
    if network.version == 6 and network.prefixlen < 127:
        return first + 1, last
    return first, last


def first_gap(start: int, end: int, used: list[tuple[int, int]], size: int = 1) -> int | None:
    """The first block of `size` numbers (aligned to `size`) within [start, end] clear of every
    used range (sorted by start), or None."""
    cursor = start
    for low, high in used:
        if size > 1 and cursor % size:
            cursor += size - cursor % size
        if cursor + size - 1 < low:
            break
        cursor = max(cursor, high + 1)
    if size > 1 and cursor % size:
        cursor += size - cursor % size
    return cursor if cursor + size - 1 <= end else None
