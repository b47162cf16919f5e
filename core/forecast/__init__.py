"""How likely each regular is still a customer, and how many visits to expect: the BG/NBD model
and its modified form, fitted offline on the book's own visits (DESIGN.md: P(alive) orders and
words; it never decides a tier)."""
