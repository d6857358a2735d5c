"""tollwatch: news reports of violent incidents in, a sourced incident database out."""

__version__ = "0.1.0"
