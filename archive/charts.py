"""Charts as SVG, drawn on the server: the web view works offline, with no script and no
resource from anywhere, and a chart is an image a person can save.

Hand-written (a hundred lines of rectangles and text) rather than a plotting library: the
usual ones draw in the browser from a CDN (Vega, Chart.js) or bring a heavy stack
(matplotlib) for what is a few bars.  Every bar carries ``data-*`` attributes with what it
shows, and a ``<title>`` a browser shows on hover.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

# Colours a reader tells apart, also in print (Okabe & Ito's palette, then greys).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000", "#999999", "#666666")
OTHER = "other"


def _colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def _open(title: str, width: int, height: int) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'aria-label="{escape(title)}">', f"<title>{escape(title)}</title>"]


def _note(title: str, note: str, width: int) -> str:
    """A chart too small to draw (one point, one run): its title and a sentence instead
    of a plot, in a short image."""
    height = 64
    return "".join(_open(title, width, height)) + (
        f'<text class="chart-title" x="8" y="22" font-size="13" font-weight="bold">'
        f'{escape(title)}</text><text class="note" x="8" y="46" font-size="14">'
        f"{escape(note)}</text></svg>")


def stacked_bars(title: str, labels: list[str], stacks: list[str],
                 values: dict[tuple[str, str], int], *, width: int = 960, height: int = 260,
                 kind: str = "month", shown: Callable[[str], str] = str,
                 legend: dict[str, str] | None = None, note: str | None = None) -> str:
    """A stacked bar chart: one bar per label (a month, a run), one segment per stack
    (a site, a category, a result); ``values[(label, stack)]`` is the segment's height.
    ``shown`` writes a label on the axis, ``legend`` names a stack in the legend (else
    its own name); with a ``note``, and fewer than two labels, the note is drawn instead
    of the bars."""
    if note and len(labels) < 2:
        return _note(title, note, width)
    legend = legend or {}
    totals = [sum(values.get((label, s), 0) for s in stacks) for label in labels]
    top = max(totals, default=0) or 1
    left, bottom, right, head = 48, 34, 10, 24
    plot_w, plot_h = width - left - right, height - bottom - head
    step = plot_w / max(len(labels), 1)
    bar = min(max(step * 0.8, 1.0), 40.0)
    out = _open(title, width, height)
    for frac in (0, 0.5, 1):
        y = head + plot_h * (1 - frac)
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
                   'stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" '
                   f'font-size="11">{round(top * frac)}</text>')
    every = max(1, round(len(labels) / 16))
    for i, label in enumerate(labels):
        x = left + i * step + (step - bar) / 2
        y = head + plot_h
        for j, stack in enumerate(stacks):
            value = values.get((label, stack), 0)
            if not value:
                continue
            h = plot_h * value / top
            y -= h
            out.append(
                f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill="{_colour(j)}" data-{kind}="{escape(label)}" '
                f'data-stack="{escape(stack)}" data-value="{value}">'
                f"<title>{escape(shown(label))}: {escape(legend.get(stack, stack))} {value}"
                "</title></rect>")
        if i % every == 0:
            out.append(f'<text x="{x + bar / 2:.1f}" y="{head + plot_h + 14}" '
                       f'text-anchor="middle" font-size="10">{escape(shown(label))}</text>')
    x = left
    for j, stack in enumerate(stacks[:10]):
        name = legend.get(stack, stack)
        out.append(f'<rect x="{x}" y="4" width="10" height="10" fill="{_colour(j)}"/>'
                   f'<text x="{x + 14}" y="13" font-size="11">{escape(name)}</text>')
        x += 24 + 7 * len(name)
    out.append("</svg>")
    return "".join(out)


def line(title: str, points: list[tuple[str, int]], *, width: int = 960,
         height: int = 200, shown: Callable[[str], str] = str, note: str | None = None) -> str:
    """A line of cumulative counts (the archive's growth) with a dot per point; ``shown``
    writes a label on the axis; with a ``note``, and fewer than two points, the note is
    drawn instead of the line."""
    if note and len(points) < 2:
        return _note(title, note, width)
    top = max((v for _, v in points), default=0) or 1
    left, bottom, right, head = 56, 30, 10, 14
    plot_w, plot_h = width - left - right, height - bottom - head
    step = plot_w / max(len(points) - 1, 1)
    xy = [(left + i * step, head + plot_h * (1 - v / top)) for i, (_, v) in enumerate(points)]
    out = [*_open(title, width, height),
           f'<text x="{left - 6}" y="{head + 4}" text-anchor="end" font-size="11">{top}</text>',
           f'<text x="{left - 6}" y="{head + plot_h + 4}" text-anchor="end" '
           'font-size="11">0</text>']
    if xy:
        path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(xy))
        out.append(f'<path d="{path}" fill="none" stroke="{PALETTE[0]}" stroke-width="2"/>')
    every = max(1, round(len(points) / 12))
    for i, ((label, value), (x, y)) in enumerate(zip(points, xy)):
        out.append(f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{PALETTE[0]}" '
                   f'data-label="{escape(label)}" data-value="{value}">'
                   f"<title>{escape(shown(label))}: {value}</title></circle>")
        if i % every == 0:
            out.append(f'<text x="{x:.1f}" y="{head + plot_h + 16}" text-anchor="middle" '
                       f'font-size="10">{escape(shown(label))}</text>')
    out.append("</svg>")
    return "".join(out)


def top_stacks(totals: dict[str, int], keep: int = 8) -> list[str]:
    """The ``keep`` largest stacks by total, then OTHER for the rest (if any)."""
    ranked = sorted(totals, key=lambda k: (-totals[k], k))
    return ranked[:keep] + ([OTHER] if len(ranked) > keep else [])
