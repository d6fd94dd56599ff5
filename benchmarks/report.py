"""The tables and the chart of docs/benchmarks.md, from the JSON the two benchmarks print.

    python -m benchmarks.quality --track text --json > bench-out/quality-text.json
    python -m benchmarks.quality --track html --json > bench-out/quality-html.json
    python -m benchmarks.speed --json > bench-out/speed.json
    python -m benchmarks.report --quality bench-out/quality-text.json --quality bench-out/quality-html.json \\
        --speed bench-out/speed.json --chart docs/benchmarks-quality-speed.png > bench-out/tables.md

Prints Markdown: an overview per track (body-token F1 and per-kind F1 of every system on every
corpus), then the full tables of each run. The chart puts quality (body-token F1, pooled over the
corpora of the run: token overlaps and bag sizes summed) against speed (MB/s on the same track),
one point per system, one panel per track; matplotlib comes with the `bench` extra.
"""
from __future__ import annotations

import argparse
import json
import sys

from benchmarks import quality, speed

BASELINES = ("every-line", "unique-lines")


def pooled_body_f1(result: dict) -> dict[str, float]:
    """Body-token F1 of each system over all pages of all corpora of a quality run."""
    sums: dict[str, list[int]] = {}
    for corpus in result["corpora"].values():
        for system, fig in corpus["results"].items():
            s = sums.setdefault(system, [0, 0, 0])
            bt = fig["body_tokens"]
            s[0] += bt["overlap"]
            s[1] += bt["pred"]
            s[2] += bt["gold"]
    out = {}
    for system, (overlap, pred, gold) in sums.items():
        p, r = (overlap / pred if pred else 0.0), (overlap / gold if gold else 0.0)
        out[system] = 2 * p * r / (p + r) if p + r else 0.0
    return out


def overview(result: dict) -> str:
    """One row per system, per corpus: body-token F1, then the F1 of each annotated kind."""
    corpora = {name: c for name, c in result["corpora"].items() if c["pages"]}
    lines = [f"#### {result['track']} track — F1 (body tokens · " +
             "per kind, as annotated: h = headline, c = caption, b = body, t = teaser)\n"]
    lines.append("| system | " + " | ".join(f"{name} ({c['pages']} p.)" for name, c in corpora.items()) + " |")
    lines.append("|---" * (len(corpora) + 1) + "|")
    for system, info in result["systems"].items():
        cells = []
        for c in corpora.values():
            fig = c["results"][system]
            kinds = " ".join(f"{k[0]} {fig['kinds'][k]['F1']:.2f}" if k in info["produces"] else f"{k[0]} –"
                             for k in c["annotated_kinds"])
            fail = f" ({fig['failures']} failed)" if fig["failures"] else ""
            cells.append(f"**{fig['body_tokens']['F1']:.3f}** · {kinds}{fail}")
        lines.append(f"| {system} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def chart(qualities: list[dict], speed_result: dict, path: str) -> None:
    """One panel per track: a point per system at (MB/s, pooled body-token F1); one legend."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    systems = sorted({s for q in qualities for s in q["systems"]}, key=lambda s: (s != "newsclean", s))
    markers = "o^sDvP<>Xph"
    palette = ["tab:blue", "tab:orange", "tab:purple", "tab:brown", "tab:pink", "tab:olive", "tab:cyan",
               "navy", "gold"]  # no red (newsclean), gray (baselines) or green (floors)
    style, peers_seen = {}, 0
    for i, name in enumerate(s for s in systems if s != "newsclean"):
        if name in BASELINES:
            color = "0.55"
        else:
            color, peers_seen = palette[peers_seen % len(palette)], peers_seen + 1
        style[name] = {"marker": markers[i % len(markers)], "s": 45, "color": color}
    style["newsclean"] = {"marker": "*", "s": 220, "color": "tab:red"}

    fig, axes = plt.subplots(1, len(qualities), figsize=(6 * len(qualities), 5.2), squeeze=False)
    for ax, q in zip(axes[0], qualities):
        track = q["track"]
        f1 = pooled_body_f1(q)
        tput = speed_result["tracks"].get(track, {})
        for system, fig_ in tput.get("systems", {}).items():
            if system in f1 and fig_["mb_per_s"]:
                ax.scatter(fig_["mb_per_s"], f1[system], label=system, zorder=3, edgecolors="black",
                           linewidths=0.4, **style[system])
        floor = tput.get("floor", {}).get("mb_per_s")
        if floor:
            ax.axvline(floor, color="tab:green", linestyle="--", linewidth=1)
            ax.annotate("floor", (floor, 0.02), fontsize=8, color="tab:green", rotation=90,
                        textcoords="offset points", xytext=(-10, 0))
        ax.set_xscale("log")
        ax.set_ylim(0, 1.02)
        ax.set_xlabel("MB/s of input (log scale; median of passes)")
        ax.set_ylabel("body-token F1, all corpora pooled")
        names = [name for name, c in q["corpora"].items() if c["pages"]]
        ax.set_title(f"{track} track ({', '.join(names)})", fontsize=10)
        ax.grid(True, which="both", alpha=0.3)
    handles = {}
    for ax in axes[0]:
        for h, label in zip(*ax.get_legend_handles_labels()):
            handles.setdefault(label, h)
    order = [s for s in systems if s in handles]
    fig.legend([handles[s] for s in order], order, loc="lower center", ncol=min(6, len(order)), fontsize=9,
               frameon=False)
    fig.suptitle(f"newsclean quality against speed — {speed_result['date'][:10]}, commit {speed_result.get('commit')}",
                 fontsize=11)
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    fig.savefig(path, dpi=110)


def demote(markdown: str) -> str:
    """Headings one level down, so that a run's tables sit under the section that names the run."""
    return "\n".join("#" + line if line.startswith("#") else line for line in markdown.split("\n"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.report", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quality", action="append", default=[], metavar="JSON", help="output of quality --json")
    ap.add_argument("--speed", metavar="JSON", help="output of speed --json")
    ap.add_argument("--chart", metavar="PNG", help="write the quality-against-speed chart here")
    args = ap.parse_args(argv)
    qualities = [json.load(open(p, encoding="utf-8")) for p in args.quality]
    speed_result = json.load(open(args.speed, encoding="utf-8")) if args.speed else None
    parts = ["### Overview"] if qualities else []
    for q in qualities:
        parts.append(overview(q))
    for q in qualities:
        parts.append(f"### Quality, {q['track']} track — {q['date']}, commit {q['commit']}\n\n"
                     f"Command: `{q.get('command')}`\n\n" + demote(quality.format_tables(q)))
    if speed_result:
        parts.append("### Speed\n\nCommand: `" + str(speed_result.get("command")) + "`\n\n" +
                     demote(speed.format_tables(speed_result)))
    print("\n\n".join(parts))
    if args.chart and qualities and speed_result:
        chart(qualities, speed_result, args.chart)
    return 0


if __name__ == "__main__":
    sys.exit(main())
