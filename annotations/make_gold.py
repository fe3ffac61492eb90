"""Write annotations/mentions.csv and annotations/quotes.csv from the hand annotations below.

The annotations were made by reading the seed articles (conventions in annotations/README.md). Each
mention is given as (anchor, surface, actor_id): the anchor is a phrase that occurs exactly once in
the article and contains the surface string once; the script turns it into offsets, so no offset is
typed by hand. Run:  .venv/bin/python annotations/make_gold.py
"""
from __future__ import annotations

import csv
from pathlib import Path

from greenland_lib import load_corpus

A0, A1, A2 = "000_02f65445024b2ea1", "001_36ae4ff8970a304e", "002_5695a93af2ac32e3"

MENTIONS = {
    A0: [
        ("Self-governed Danish territory says", "Self-governed Danish territory", "greenland"),
        ("says that NATO is in charge", "NATO", "nato"),
        ("defence of the island", "the island", "greenland"),
        ("will not accept US takeover.", "US", "usa"),
        ("The government of Greenland", "government of Greenland", "greenland-government"),
        ("United States President Donald Trump", "United States President Donald Trump", "donald-trump"),
        ("accept a US takeover", "US", "usa"),
        ("The self-governed Danish territory also", "The self-governed Danish territory", "greenland"),
        ("its NATO membership", "NATO", "nato"),
        ("the territory’s defence", "the territory", "greenland"),
        ("the transatlantic alliance", "the transatlantic alliance", "nato"),
        ("“The United States has", "United States", "usa"),
        ("take over Greenland.", "Greenland", "greenland"),
        ("the island’s coalition government", "the island’s coalition government", "greenland-government"),
        ("Greenland is a member", "Greenland", "greenland"),
        ("member of NATO", "NATO", "nato"),
        ("defence of Greenland must", "Greenland", "greenland"),
        ("through NATO", "NATO", "nato"),
        ("Trump has continued to insist that he", "Trump", "donald-trump"),
        ("seize Greenland, threatening", "Greenland", "greenland"),
        ("that the territory will", "the territory", "greenland"),
        ("under US control", "US", "usa"),
        ("European allies", "European allies", "europe"),
        ("takeover of Greenland would", "Greenland", "greenland"),
        ("between the US and", "US", "usa"),
        ("and Europe.", "Europe", "europe"),
        ("France,", "France", "france"),
        ("Germany,", "Germany", "germany"),
        ("Italy,", "Italy", "italy"),
        ("Poland,", "Poland", "poland"),
        ("Spain and", "Spain", "spain"),
        ("the United Kingdom", "United Kingdom", "uk"),
        ("support for Copenhagen", "Copenhagen", "danish-government"),
        ("Copenhagen and Greenland", "Greenland", "greenland"),
        ("amid US threats", "US", "usa"),
        ("Trump has said that", "Trump", "donald-trump"),
        ("if the US does not", "US", "usa"),
        ("control Greenland, where", "Greenland", "greenland"),
        ("such as Russia", "Russia", "russia"),
        ("Russia and China.", "China", "china"),
        ("European leaders", "European leaders", "europe"),
        ("placate Trump", "Trump", "donald-trump"),
        ("The US president", "US president", "donald-trump"),
        ("that the US must", "US", "usa"),
        ("“own” Greenland", "Greenland", "greenland"),
        ("address US concerns", "US", "usa"),
        ("Trump has wielded", "Trump", "donald-trump"),
        ("wielded US military", "US", "usa"),
        ("striking Venezuela", "Venezuela", "venezuela"),
        ("its President Nicolas Maduro", "President Nicolas Maduro", "nicolas-maduro"),
        ("Iran,", "Iran", "iran"),
        ("Colombia,", "Colombia", "colombia"),
        ("and Mexico.", "Mexico", "mexico"),
        ("NATO chief Mark Rutte", "NATO chief Mark Rutte", "mark-rutte"),
        ("the Russians", "the Russians", "russia"),
        ("the Chinese will", "the Chinese", "china"),
        ("The Chinese Foreign Ministry", "Chinese Foreign Ministry", "chinese-foreign-ministry"),
        ("that the US should not use", "US", "usa"),
        ("use China as", "China", "china"),
        ("spokesperson Mao Ning", "spokesperson Mao Ning", "mao-ning"),
        ("mentioning Greenland", "Greenland", "greenland"),
        ("“The US should not pursue", "US", "usa"),
    ],
    A1: [
        ("NATO and Greenland's government", "NATO", "nato"),
        ("Greenland's government", "Greenland's government", "greenland-government"),
        ("defense of the Danish autonomous territory", "the Danish autonomous territory", "greenland"),
        ("President Donald Trump", "President Donald Trump", "donald-trump"),
        ("seize the island", "the island", "greenland"),
        ("Trump has been talking", "Trump", "donald-trump"),
        ("the Arctic territory", "the Arctic territory", "greenland"),
        ("that the United States would", "United States", "usa"),
        ("take the territory", "the territory", "greenland"),
        ("Greenlandic Prime Minister Jens-Frederik Nielsen", "Greenlandic Prime Minister Jens-Frederik Nielsen",
         "jens-frederik-nielsen"),
        ("the island's security", "the island", "greenland"),
        ("belong in NATO", "NATO", "nato"),
        ("the 32-member military alliance", "the 32-member military alliance", "nato"),
        ("dominated by the U.S.", "U.S.", "usa"),
        ("his government would", "his government", "greenland-government"),
        ("cooperation with NATO", "NATO", "nato"),
        ("including the United States", "United States", "usa"),
        ("cooperation with Denmark", "Denmark", "denmark"),
        ("NATO chief Mark Rutte", "NATO chief Mark Rutte", "mark-rutte"),
        ("that the alliance was", "the alliance", "nato"),
        ("Diplomats at NATO", "NATO", "nato"),
        ("Trump has insisted", "Trump", "donald-trump"),
        ("that Greenland needs", "Greenland", "greenland"),
        ("under U.S. control", "U.S.", "usa"),
        ("that the Danish autonomous territory is", "the Danish autonomous territory", "greenland"),
        ("The island is also", "The island", "greenland"),
        ("told AFP", "AFP", "afp"),
        ("laughed at Trump", "Trump", "donald-trump"),
        ("Nuunu Binzer", "Nuunu Binzer", "new:nuunu-binzer"),
        ("Mininnguaq Fontain", "Mininnguaq Fontain", "new:mininnguaq-fontain"),
        ("Danish Prime Minister Mette Frederiksen", "Danish Prime Minister Mette Frederiksen", "mette-frederiksen"),
        ("a U.S. armed attack", "U.S.", "usa"),
        ("attack on Greenland", "Greenland", "greenland"),
        ("the end of NATO", "NATO", "nato"),
        ("appease Washington", "Washington", "us-government"),
        ("Copenhagen has invested", "Copenhagen", "danish-government"),
        ("Greenland, which is home", "Greenland", "greenland"),
        ("houses a U.S. military base", "U.S.", "usa"),
        ("According to Rutte", "Rutte", "mark-rutte"),
        ("Denmark would have", "Denmark", "denmark"),
        ("larger U.S. military presence", "U.S.", "usa"),
        ("the United States could", "United States", "usa"),
        ("notify Denmark", "Denmark", "denmark"),
        ("Denmark is also working", "Denmark", "denmark"),
        ("Secretary of State Marco Rubio", "Secretary of State Marco Rubio", "marco-rubio"),
        ("According to U.S.", "U.S.", "usa"),
        ("and Danish media reports", "Danish media", "danish-media"),
        ("Danish Foreign Minister Lars Lokke Rasmussen", "Danish Foreign Minister Lars Lokke Rasmussen",
         "lars-lokke-rasmussen"),
        ("Vivian Motzfeldt", "Vivian Motzfeldt", "vivian-motzfeldt"),
        ("Denmark reportedly", "Denmark", "denmark"),
        ("leaders of the autonomous territory", "the autonomous territory", "greenland"),
        ("with U.S. representatives", "U.S.", "usa"),
        ("The Danish media reported", "Danish media", "danish-media"),
        ("negotiate with Washington", "Washington", "us-government"),
        ("Facing Trump's", "Trump", "donald-trump"),
        ("Nielsen said in his message", "Nielsen", "jens-frederik-nielsen"),
        ("His government said", "His government", "greenland-government"),
        ("a U.S. takeover of Greenland", "U.S.", "usa"),
        ("takeover of Greenland.", "Greenland", "greenland"),
        ("Greenland gained home rule", "Greenland", "greenland"),
        ("ties with Denmark", "Denmark", "denmark"),
        ("Greenland's people", "Greenland", "greenland"),
        ("oppose a U.S. takeover", "U.S.", "usa"),
    ],
    A2: [
        ("NATO chief Mark Rutte", "NATO chief Mark Rutte", "mark-rutte"),
        ("Danish Prime Minister Mette Frederiksen", "Danish Prime Minister Mette Frederiksen", "mette-frederiksen"),
        ("Friday the alliance should", "the alliance", "nato"),
        ("US President Donald Trump", "US President Donald Trump", "donald-trump"),
        ("seize Greenland.\n", "Greenland", "greenland"),
        ("the whole of NATO", "NATO", "nato"),
        ("Rutte wrote on X", "Rutte", "mark-rutte"),
        ("meeting Frederiksen", "Frederiksen", "mette-frederiksen"),
        ("Frederiksen -- who", "Frederiksen", "mette-frederiksen"),
        ("its premier", "its premier", "jens-frederik-nielsen"),
        ("agree that NATO should", "NATO", "nato"),
        ("the entire alliance", "the entire alliance", "nato"),
        ("after Trump claimed", "Trump", "donald-trump"),
        ("deal with Rutte", "Rutte", "mark-rutte"),
        ("the autonomous Arctic territory", "the autonomous Arctic territory", "greenland"),
        ("from Denmark", "Denmark", "denmark"),
        ("Trump backed off his threats to seize Greenland and", "Trump", "donald-trump"),
        ("seize Greenland and impose", "Greenland", "greenland"),
        ("tariffs on NATO allies", "NATO", "nato"),
        ("control of the island", "the island", "greenland"),
        ("officials say NATO boosting", "NATO", "nato"),
        ("Frederiksen on Thursday", "Frederiksen", "mette-frederiksen"),
        ("that NATO allies agreed", "NATO", "nato"),
        ("Members of the alliance", "the alliance", "nato"),
        ("new NATO mission", "NATO", "nato"),
        ("Rutte's talks", "Rutte", "mark-rutte"),
        ("talks with Trump", "Trump", "donald-trump"),
        ("that Denmark and the United States", "Denmark", "denmark"),
        ("Denmark and the United States would", "United States", "usa"),
        ("allow Washington", "Washington", "us-government"),
        ("Trump's planned", "Trump", "donald-trump"),
        ("NATO also said", "NATO", "nato"),
        ("that the United States, Denmark", "United States", "usa"),
        ("United States, Denmark and", "Denmark", "denmark"),
        ("Denmark and Greenland would", "Greenland", "greenland"),
        ("stop Russia", "Russia", "russia"),
        ("Russia and China gaining", "China", "china"),
        ("Trump used", "Trump", "donald-trump"),
        ("Moscow", "Moscow", "russian-government"),
        ("Beijing", "Beijing", "chinese-government"),
        ("Beijing to Greenland", "Greenland", "greenland"),
    ],
}

# (anchor = the quoted words as they stand between the marks, fragment, speaker_id)
QUOTES = {
    A0: [
        ("any circumstance”", True, "greenland-government"),
        ("The United States has once again reiterated its desire to take over Greenland. This is something that "
         "the governing coalition in Greenland cannot accept under any circumstance", False, "greenland-government"),
        ("As part of the Danish commonwealth, Greenland is a member of NATO, and the defence of Greenland must "
         "therefore be through NATO", False, "greenland-government"),
        ("one way or another", True, "donald-trump"),
        ("own", True, "donald-trump"),
        ("All allies agree on the importance of the Arctic and Arctic security", False, "mark-rutte"),
        ("With sea lanes opening up, there is a risk that the Russians and the Chinese will be more active.",
         False, "mark-rutte"),
        ("pretext”", True, "chinese-foreign-ministry"),
        ("The rights and freedoms of all countries to conduct activities in the Arctic in accordance with the law "
         "should be fully respected", False, "mao-ning"),
        ("The US should not pursue its own interests by using other countries as a pretext.", False, "mao-ning"),
    ],
    A1: [
        ("one way or the other.", True, "donald-trump"),
        ("belong in NATO", True, "jens-frederik-nielsen"),
        ("therefore work to ensure that the development of defense in and around Greenland takes place in close "
         "cooperation with NATO, in dialogue with our allies, including the United States, and in cooperation "
         "with Denmark.", True, "jens-frederik-nielsen"),
        ("the next steps", True, "mark-rutte"),
        ("We laughed at Trump first when he tried to buy us, but now the second time he's more aggressive",
         False, "new:nuunu-binzer"),
        ("I would rather see our country doesn't have any soldiers. But of course if we get attacked, then I would "
         "feel more safe if soldiers are here.", False, "new:mininnguaq-fontain"),
        ("I fully understand if there is unease.", False, "jens-frederik-nielsen"),
        ("under any circumstance", True, "greenland-government"),
    ],
    A2: [
        ("We're working together to ensure that the whole of NATO is safe and secure and will build on our "
         "cooperation to enhance deterrence and defence in the Arctic", False, "mark-rutte"),
        ("we agree that NATO should increase its engagement in the Arctic", True, "mette-frederiksen"),
        ("Defence and security in the Arctic are matters for the entire alliance", False, "mette-frederiksen"),
        ("permanent presence", True, "mette-frederiksen"),
        ("foothold", True, "nato"),
    ],
}


def locate(text: str, anchor: str, surface: str) -> tuple[int, int]:
    """Return the offsets of surface inside the unique occurrence of anchor."""
    assert text.count(anchor) == 1, f"anchor {anchor!r} occurs {text.count(anchor)} times"
    assert anchor.count(surface) == 1, f"{surface!r} not once in {anchor!r}"
    start = text.index(anchor) + anchor.index(surface)
    return start, start + len(surface)


def main() -> None:
    corpus = load_corpus()
    here = Path(__file__).resolve().parent
    rows = []
    for article_id, items in MENTIONS.items():
        text = corpus.text(article_id)
        for anchor, surface, actor_id in items:
            start, end = locate(text, anchor, surface)
            rows.append({"article_id": article_id, "start": start, "end": end, "text": surface, "actor_id": actor_id})
    rows.sort(key=lambda r: (r["article_id"], r["start"]))
    with open(here / "mentions.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, ["article_id", "start", "end", "text", "actor_id"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    rows = []
    for article_id, items in QUOTES.items():
        text = corpus.text(article_id)
        for anchor, fragment, speaker in items:
            surface = anchor.rstrip("”")
            if text.count(anchor) != 1:  # short fragments: anchor on the quote marks around them
                for mark_open, mark_close in (("“", "”"), ('"', '"'), ("'", "'")):
                    if text.count(f"{mark_open}{surface}{mark_close}") == 1:
                        anchor = f"{mark_open}{surface}{mark_close}"
                        break
            start, end = locate(text, anchor, surface)
            rows.append({"article_id": article_id, "start": start, "end": end, "text": surface,
                         "fragment": fragment, "speaker_id": speaker})
    rows.sort(key=lambda r: (r["article_id"], r["start"]))
    with open(here / "quotes.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, ["article_id", "start", "end", "text", "fragment", "speaker_id"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
