from pathlib import Path

import pytest

from readingroom.timeline.evaluation import read_timeml, score

TIMEBANK = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "timebank"

DOCUMENT = """<?xml version="1.0" ?><TimeML><DOCID>x</DOCID>
<DCT><TIMEX3 tid="t0" type="TIME" value="1998-02-13T14:26:00">02/13/1998</TIMEX3></DCT>
<TEXT>The convention voted <TIMEX3 tid="t1" type="DATE" value="1998-02-13">Friday</TIMEX3>
after <TIMEX3 tid="t2" type="DURATION" value="P210Y">210 years</TIMEX3>.</TEXT></TimeML>"""


def test_reads_timeml_offsets(tmp_path):
    path = tmp_path / "x.tml"
    path.write_text(DOCUMENT)
    document = read_timeml(path)
    assert str(document.creation_date) == "1998-02-13"
    assert [(document.text[t.start : t.end], t.value) for t in document.timexes] == [
        ("Friday", "1998-02-13"),
        ("210 years", "P210Y"),
    ]
    scores = score([document])
    assert (scores.strict, scores.relaxed, scores.value, scores.system) == (2, 2, 2, 2)


def test_timebank_targets():
    if not TIMEBANK.exists():
        pytest.skip(f"TimeBank is not present at {TIMEBANK}")
    scores = score([read_timeml(p) for p in sorted(TIMEBANK.glob("*.tml"))])
    table = scores.table()
    assert table["relaxed extent"][2] >= 0.85
    assert table["value"][2] >= 0.75
