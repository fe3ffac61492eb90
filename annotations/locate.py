"""Locate the hand-annotated temporal expressions in the seeds and write annotations/timexes.csv.

Each annotation gives the article, a unique context string that contains the expression,
the expression itself, its TIMEX3 type and value. The script only computes offsets. The seeds are
read from the repository's ``seeds/`` folder beside this one, so it runs from a fresh clone:
    python annotations/locate.py [OUTPUT]      (default: annotations/timexes.csv)
"""
import csv
import sys
from pathlib import Path
HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "seeds"
A0, A1, A2 = "000_02f65445024b2ea1", "001_36ae4ff8970a304e", "002_5695a93af2ac32e3"
ANN = [
 # Al Jazeera, published Monday 2026-01-12
 (A0, "in a statement on Monday, saying", "Monday", "DATE", "2026-01-12"),
 (A0, "Last week, France", "Last week", "DATE", "2026-W02"),
 (A0, "Maduro earlier this month and", "earlier this month", "DATE", "2026-01"),
 (A0, "press conference in Croatia on Monday.", "Monday", "DATE", "2026-01-12"),
 (A0, "Foreign Ministry said on Monday that", "Monday", "DATE", "2026-01-12"),
 # Newsmax/AFP, published Monday 2026-01-12
 (A1, "government on Monday said they", "Monday", "DATE", "2026-01-12"),
 (A1, "Arctic territory for years and", "years", "DURATION", "PXY"),
 (A1, "tensions on Sunday by saying", "Sunday", "DATE", "2026-01-11"),
 (A1, "Nielsen said on Monday that the island", "Monday", "DATE", "2026-01-12"),
 (A1, "Rutte also said Monday that", "Monday", "DATE", "2026-01-12"),
 (A1, "but now the second time", "now", "DATE", "PRESENT_REF"),
 (A1, "said 35-year-old theology", "35-year-old", "DURATION", "P35Y"),  # ages: TimeML durations
 (A1, "$14 billion in 2025.", "2025", "DATE", "2025"),
 (A1, "Under a 1951 treaty", "1951", "DATE", "1951"),
 (A1, "updated in 2004,", "2004", "DATE", "2004"),
 (A1, "expected this week.", "this week", "DATE", "2026-W03"),
 (A1, "take place on Wednesday in Washington", "Wednesday", "DATE", "2026-01-14"),
 (A1, "Rasmussen on Monday posted", "Monday", "DATE", "2026-01-12"),
 (A1, "reported last week on a tense", "last week", "DATE", "2026-W02"),
 (A1, "in his message on Monday:", "Monday", "DATE", "2026-01-12"),
 (A1, "colony until 1953,", "1953", "DATE", "1953"),
 (A1, "home rule 26 years later and", "26 years later", "DATE", "1979"),
 # The New Indian Express/AFP, published Friday 2026-01-23
 (A2, "Frederiksen agreed Friday the alliance", "Friday", "DATE", "2026-01-23"),
 (A2, "meet its premier on Friday --", "Friday", "DATE", "2026-01-23"),
 (A2, "with Rutte on Wednesday that", "Wednesday", "DATE", "2026-01-21"),
 (A2, "Frederiksen on Thursday said", "Thursday", "DATE", "2026-01-22"),
 (A2, "renegotiate a 1951 pact", "1951", "DATE", "1951"),
]
rows = []
for aid, context, surface, typ, value in ANN:
    text = (SEEDS / f"{aid}.txt").read_bytes().decode("utf-8")
    assert text.count(context) == 1, (aid, context, text.count(context))
    c = text.index(context)
    assert context.count(surface) == 1, (context, surface)
    start = c + context.index(surface)
    end = start + len(surface)
    assert text[start:end] == surface
    rows.append({"article_id": aid, "start": start, "end": end, "text": surface, "type": typ, "value": value})
rows.sort(key=lambda r: (r["article_id"], r["start"]))
with open(sys.argv[1] if len(sys.argv) > 1 else HERE / "timexes.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["article_id", "start", "end", "text", "type", "value"], lineterminator="\n")
    w.writeheader(); w.writerows(rows)
print(len(rows), "annotations")
