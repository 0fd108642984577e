"""Colours that tell actors apart: as many pairwise different light colours as asked for.

In: a count. Out: ``#rrggbb`` strings, neighbours far apart in hue, for the HTML view and the
workbench (one colour per speaker of a document, never two speakers with one colour).
"""

from __future__ import annotations

import colorsys

__all__ = ["speaker_palette"]


def speaker_palette(count: int) -> list[str]:
    """``count`` pairwise different light colours (``#rrggbb``), neighbours far apart in hue.

    Hues are spread evenly round the circle and visited in an order that puts consecutive
    speakers far apart; past 12 speakers a second and third lightness keep every colour
    distinct even when hues come close.
    """
    if count <= 0:
        return []
    hues = max(1, min(count, 12))
    rounds = -(-count // hues)
    order = _spread(hues)
    colours: list[str] = []
    for k in range(count):
        hue = (order[k % hues] + (k // hues) / rounds) / hues
        lightness = (0.82, 0.70, 0.90)[(k // hues) % 3]
        r, g, b = colorsys.hls_to_rgb(hue, lightness, 0.75)
        colour = f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"
        colours.append(colour)
    return colours


def _spread(n: int) -> list[int]:
    """0..n-1 in an order where consecutive values are far apart (stride coprime to n)."""
    stride = next(s for s in range(max(1, n // 2 - (n % 2 == 0)), 0, -1) if _coprime(s, n))
    return [(i * stride) % n for i in range(n)]


def _coprime(a: int, b: int) -> bool:
    while b:
        a, b = b, a % b
    return a == 1
