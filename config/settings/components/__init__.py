"""Settings of one area each, plain constants read from the environment; base.py imports them."""
