"""What the second legal review (December 2026) found wrong on main, each checked against the provision's text.

Each case names the provision that decides it; the words are the ones a wrong entry had or a right
one needs, so a regression to the old text fails.
"""

from __future__ import annotations

from remedy_atlas.answer.penalties import default_penalties
from remedy_atlas.answer.remedies import load_remedies

BY_ID = {r.id: r for r in load_remedies()}
PENALTIES = default_penalties()


def test_take_it_down_threats_maximum_is_the_publication_penalty() -> None:
    """47 U.S.C. § 223(h)(6)(A): threats involving authentic images "shall be punished as provided in
    paragraph (4)", i.e. up to 2 years for adults; the 18 months of (6)(B)(i) is only for forgeries."""
    figure = PENALTIES["us-criminal-take-it-down-threats"].max_prison_months
    assert figure is not None and figure.value == 24
    assert "not more than 2 years" in figure.snippet
