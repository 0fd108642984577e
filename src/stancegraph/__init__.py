"""stancegraph: who said what, about which issue, for or against, from political news."""

__version__ = "0.1.0"
