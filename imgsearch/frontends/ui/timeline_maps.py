"""The Timeline page's moving map: every space's map aligned onto the one before it (orthogonal
Procrustes), the points coloured by label, by the space's own prediction or by whether that
prediction is right, drawn as one plotly animation (a frame per space, a slider and a play
button), and a click on a point read back as the image it shows.

One scatter trace holds every point, in the same image order in every frame, so that plotly
moves each point from its place in one space to its place in the next; its colours change with
the frame (a prediction is the space's own). The legend is drawn by empty traces after it.
The Map page's palettes (mapview) give the colours, so a class looks the same on both pages.
"""
from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .mapview import CORRECT_RGB, MISSING_RGB, category_palette, natural_key
from .text import shown

MAX_POINTS = 3000     # an animation redraws every point at each step: a sample beyond this
COLOURS = {"label": "label", "prediction": "prediction (the space's own)",
           "correct": "correct (prediction = label)"}
PICKED_SIZE, NEAR_SIZE, SIZE = 15, 10, 6


def onto(prev: np.ndarray, xy: np.ndarray) -> np.ndarray:
    """xy rotated, scaled and shifted onto prev (the same images in the same order), so that an
    image moves only as far as its neighbourhood changed."""
    from scipy.linalg import orthogonal_procrustes
    mp, mx = prev.mean(0), xy.mean(0)
    sp, sx = np.linalg.norm(prev - mp) or 1.0, np.linalg.norm(xy - mx) or 1.0
    rot, _ = orthogonal_procrustes((xy - mx) / sx, (prev - mp) / sp)
    return ((xy - mx) / sx) @ rot * sp + mp


def aligned(root, order: list[str], method: str, predicted: set[str]) -> pd.DataFrame:
    """One row per space and image (the images every map holds, a sample beyond MAX_POINTS):
    space, image_id, x, y, label, and the space's own prediction and correctness (None where
    the space has no predictions)."""
    frames = [root.in_space(s).map_frame(method, ["image_id", "label"])[0].set_index("image_id")
              for s in order]
    ids = sorted(set.intersection(*(set(f.index) for f in frames)))
    if len(ids) > MAX_POINTS:
        ids = sorted(np.random.default_rng(0).choice(ids, MAX_POINTS, replace=False))
    out, prev = [], None
    for space, f in zip(order, frames):
        xy = f.loc[ids, ["x", "y"]].to_numpy(dtype=float)
        xy = xy if prev is None else onto(prev, xy)
        prev = xy
        label = f.loc[ids, "label"].to_numpy(dtype=object)
        pred = np.full(len(ids), None, dtype=object)
        if space in predicted:
            p = root.in_space(space).predictions().drop_duplicates("image_id", keep="last")
            pred = p.set_index("image_id")["prediction"].reindex(ids).to_numpy(dtype=object)
        out.append(pd.DataFrame({"space": space, "image_id": ids, "x": xy[:, 0], "y": xy[:, 1],
                                 "label": label, "prediction": pred,
                                 "correct": [_correct(a, b) for a, b in zip(label, pred)]}))
    return pd.concat(out, ignore_index=True)


def _correct(label, prediction):
    if label is None or prediction is None or pd.isna(label) or pd.isna(prediction):
        return None
    return str(label) == str(prediction)


def _hex(rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def palette(steps: pd.DataFrame, colour: str) -> tuple[dict, str, str | None]:
    """{value: colour} for the column, the colour of a missing value, and a note on the palette.
    Labels and predictions share one palette (a class has one colour whichever is shown and in
    every space)."""
    if colour == "correct":
        return {"correct": _hex(CORRECT_RGB["correct"]), "wrong": _hex(CORRECT_RGB["wrong"])}, \
            _hex(MISSING_RGB), None
    values = pd.concat([steps["label"], steps["prediction"]]).dropna().astype(str).unique()
    cats = sorted(values.tolist(), key=natural_key)
    rgb, note = category_palette(len(cats))
    return {c: _hex(v) for c, v in zip(cats, rgb)}, _hex(MISSING_RGB), note


def class_colours(names: list[str]) -> dict:
    """{class: colour} as the map draws the labels (the same palette, the same order)."""
    cats = sorted(names, key=natural_key)
    return {c: _hex(v) for c, v in zip(cats, category_palette(len(cats))[0])}


def _values(frame: pd.DataFrame, colour: str) -> list:
    if colour == "correct":
        return [None if v is None or pd.isna(v) else ("correct" if v else "wrong")
                for v in frame["correct"]]
    return [None if v is None or pd.isna(v) else str(v) for v in frame[colour]]


def missing_name(colour: str) -> str:
    return {"label": "(no label)", "prediction": "(no prediction)"}.get(colour, "(no prediction or label)")


def point_colours(frame: pd.DataFrame, colour: str, colours: dict, missing: str) -> list[str]:
    """Each point's colour in one space's frame."""
    return [colours.get(v, missing) if v is not None else missing for v in _values(frame, colour)]


def figure(steps: pd.DataFrame, colour: str, picked: int | None = None, start: int = 0,
           neighbours: dict | None = None, height: int = 620) -> go.Figure:
    """The animation: a frame per space (named after it), the `start`th one drawn first, the
    picked image drawn larger and ringed in every frame, and its neighbours in each space
    ({space: ids}) ringed in that space's frame."""
    order = list(dict.fromkeys(steps["space"]))
    colours, missing, _ = palette(steps, colour)
    frames = []
    for space in order:
        f = steps[steps["space"] == space]
        ids = f["image_id"].to_numpy()
        big = ids == picked if picked is not None else np.zeros(len(ids), bool)
        ringed = np.isin(ids, (neighbours or {}).get(space, [])) & ~big
        hover = [f"#{i} · {escape(space)}<br>label: {escape(shown(a))}<br>prediction: "
                 f"{escape(shown(b)) if b is not None and not pd.isna(b) else '(none)'}"
                 for i, a, b in zip(ids, f["label"], f["prediction"])]
        frames.append(go.Frame(name=space, traces=[0], data=[go.Scatter(
            x=f["x"].to_numpy(), y=f["y"].to_numpy(), mode="markers", customdata=[[int(i)] for i in ids],
            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
            marker=dict(color=point_colours(f, colour, colours, missing),
                        size=np.where(big, PICKED_SIZE, np.where(ringed, NEAR_SIZE, SIZE)),
                        line=dict(color="black", width=np.where(big, 2.5, np.where(ringed, 1.5, 0)))))]))
    start = min(max(start, 0), len(order) - 1)
    fig = go.Figure(data=[frames[start].data[0]], frames=frames)
    present = {v for v in _values(steps, colour) if v is not None}
    legend = [(v, c) for v, c in colours.items() if v in present]
    if any(v is None for v in _values(steps, colour)):
        legend.append((missing_name(colour), missing))
    for name, c in legend:           # the legend only: no point of its own
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name,
                                 marker=dict(color=c, size=9), hoverinfo="skip"))
    move = dict(frame=dict(duration=700, redraw=True), transition=dict(duration=600),
                mode="immediate")
    fig.update_layout(
        height=height, margin=dict(l=10, r=10, t=30, b=10), hovermode="closest",
        xaxis=dict(range=_span(steps["x"]), title=None), yaxis=dict(range=_span(steps["y"]), title=None),
        legend=dict(title=COLOURS[colour].split(" (")[0], itemclick=False, itemdoubleclick=False),
        updatemenus=[dict(type="buttons", direction="left", x=0.1, y=0, xanchor="right",
                          yanchor="top", pad=dict(r=10, t=70), showactive=False, buttons=[
                              dict(label="▶", method="animate", args=[None, dict(move, fromcurrent=True)]),
                              dict(label="◼", method="animate",
                                   args=[[None], dict(frame=dict(duration=0, redraw=False),
                                                      transition=dict(duration=0), mode="immediate")])])],
        sliders=[dict(active=start, x=0.1, y=0, len=0.9, xanchor="left", yanchor="top",
                      pad=dict(b=10, t=60), currentvalue=dict(prefix="space: "),
                      steps=[dict(label=s, method="animate", args=[[s], move]) for s in order])])
    return fig


def _span(values: pd.Series) -> list[float]:
    lo, hi = float(values.min()), float(values.max())
    pad = 0.05 * (hi - lo) or 1.0
    return [lo - pad, hi + pad]


def clicked(event, steps: pd.DataFrame) -> tuple[int, int] | None:
    """(image id, index of the space it was clicked in) from the chart's selection event, or
    None. The space is the frame where that image sits where the click found it: the slider
    stays there when the page draws the chart again."""
    points = ((event or {}).get("selection") or {}).get("points") or []
    points = [p for p in points if p.get("curve_number", 0) == 0]
    if not points:
        return None
    p, order = points[-1], list(dict.fromkeys(steps["space"]))
    data = p.get("customdata")
    if isinstance(data, (list, tuple)) and data:
        image_id = int(data[0])
    else:           # every frame lists the images in one order
        ids = steps.loc[steps["space"] == order[0], "image_id"].to_numpy()
        index = p.get("point_index", p.get("point_number"))
        if index is None or not 0 <= int(index) < len(ids):
            return None
        image_id = int(ids[int(index)])
    mine = steps[steps["image_id"] == image_id]
    if mine.empty:
        return None
    near = (mine["x"] - float(p.get("x", 0))) ** 2 + (mine["y"] - float(p.get("y", 0))) ** 2
    return image_id, order.index(mine.loc[near.idxmin(), "space"])
