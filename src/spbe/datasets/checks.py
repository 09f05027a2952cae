"""Compliance checks answered by the Satu Data catalog (filled in below)."""
