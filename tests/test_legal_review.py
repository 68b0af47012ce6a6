"""What the second legal review (December 2026) found wrong on main, each checked against the provision's text.

Each case names the provision that decides it; the words are the ones a wrong entry had or a right
one needs, so a regression to the old text fails.
"""

from __future__ import annotations

import pytest

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


# (entry, field, language, words, whether the field must contain them)
STATEMENTS = [
    # 刑事诉讼法 第一百零一条 names 物质损失; that mental-distress claims fail rests on the 2021 SPC
    # interpretation (Art. 175, outside the corpus), which says 一般不予受理: "generally", as ko/en say.
    ("cn-civil-damages", "who", "zh", "不包括精神损害赔偿", False),
    ("cn-civil-damages", "who", "zh", "一般得不到精神损害赔偿", True),
    # 民法典 第一千零一十条第二款: the organisations' duty is "防止和制止利用职权、从属关系等实施性骚扰",
    # not a duty to handle every complaint of harassment.
    *[
        ("cn-civil-sexual-harassment", "who", lang, words, True)
        for lang, words in (
            ("zh", "利用职权、从属关系"),
            ("ko", "직권·종속관계"),
            ("en", "relationship of subordination"),
        )
    ],
    # 网络安全法 第六十九条第二款 (2025): 特别严重影响、特别严重后果 → 二百万元以上一千万元以下罚款, the
    # figure penalties.json shows for this entry; the entry stopped at 2,000,000.
    *[
        ("cn-admin-report-illegal-content", "gives", lang, words, True)
        for lang, words in (("zh", "二百万元以上一千万元以下"), ("ko", "1,000만 위안"), ("en", "10,000,000 yuan"))
    ],
    # 18 U.S.C. § 2255(b) "no time limit" came with Pub. L. 117-176 (2022), whose § 3 (the effective-date
    # note in the corpus file) applies it only to claims not already barred on 16 September 2022.
    *[
        (rid, field, lang, words, True)
        for rid, field in (
            ("us-civil-child-victims", "conditions"),
            ("us-criminal-child-sexual-exploitation-enticement", "who"),
        )
        for lang, words in (("zh", "2022年9月16日"), ("ko", "2022년 9월 16일"), ("en", "16 September 2022"))
    ],
    # Cal. Penal Code § 647(k)(3): a repeat (j)(3) violation against a minor can also be punished under
    # section 1170(h); the entry stopped at one year in county jail.
    *[("us-ca-criminal-invasion-of-privacy", "gives", lang, "647(k)(3)", True) for lang in ("zh", "ko", "en")],
    # "Images involving voluntary exposure in public or commercial settings" is excluded by RCW 9A.86.010(3)(a)
    # and SHB 1999 Sec. 8(3)(a) (intimate images) only; Sec. 7(3) (fabricated images) has no such exception.
    ("us-wa-criminal-intimate-images", "conditions", "en", "The crimes do not cover voluntary exposure", False),
    *[
        ("us-wa-criminal-intimate-images", "conditions", lang, words, True)
        for lang, words in (
            ("zh", "自愿暴露的影像这一例外只见于披露私密影像罪"),
            ("ko", "자발적으로 노출한 이미지의 예외는 사적 이미지 공개죄에만"),
            ("en", "voluntary exposure in public or commercial settings is in the intimate-image crime only"),
        )
    ],
    # That publishing personal information online is 提供 rests on the 2017 SPC/SPP interpretation on
    # personal-information crimes, outside the corpus: the entries attribute it, not "normally treated as".
    *[
        (rid, "caveats", lang, words, present)
        for rid in ("cn-criminal-personal-information", "cn-admin-personal-information")
        for lang, words, present in (
            ("en", "normally treated as", False),
            ("ko", "일반적으로", False),
            ("zh", "一般被认定", False),
            ("en", "which is not in this corpus, treats publishing someone's personal information online as", True),
            ("ko", "사법해석(이 자료에 없음)은 인터넷에 타인의 개인정보를 공개하는 행위를 개인정보의 '제공'", True),
            ("zh", "司法解释（该解释不在本资料库中）把在网上公开他人的个人信息认定为“提供”", True),
        )
    ],  # The corpus copy of 18 U.S.C. § 2259 has no amendment history and its front matter says "release point
    # not recorded in the source": the entry says its currency is unknown and to check the current text.
    *[
        ("us-criminal-restitution", "caveats", lang, words, True)
        for lang, words in (
            ("zh", "无法从本资料库判断它是否为现行文本"),
            ("ko", "현행 조문인지 이 자료만으로는 알 수 없다"),
            ("en", "this corpus cannot tell whether it is the current text"),
        )
    ],
    # 47 U.S.C. § 223(h)(8): restitution for publishing an intimate image or a digital forgery ((h)(2), (3)),
    # "in the same manner as under section 2264": what reaches an adult whose image was posted.
    *[("us-criminal-restitution", "summary", lang, "§ 223(h)(8)", True) for lang in ("zh", "ko", "en")],
]


@pytest.mark.parametrize(("remedy_id", "field", "lang", "words", "present"), STATEMENTS)
def test_reviewed_statements(remedy_id: str, field: str, lang: str, words: str, present: bool) -> None:
    text = (getattr(BY_ID[remedy_id], field) or {})[lang]
    assert (words in text) is present, f"{remedy_id}.{field}.{lang}: {words!r}"


def test_reviewed_provisions() -> None:
    """Statements whose provision the entry did not cite: 反家庭暴力法 第三十三条 is what sends the more
    serious cases to a public-security penalty or the Criminal Law (第十六条 covers only minor ones)."""
    cited = {r.id: {(p.doc_id, p.article) for p in r.provisions} for r in BY_ID.values()}
    assert ("cn-anti-domestic-violence-law", "33") in cited["cn-protective-police-warning"]


def test_no_entry_cites_a_provision_twice() -> None:
    """Two people adding the same missing article at once left 反家庭暴力法 第三十三条 listed twice."""
    for remedy in BY_ID.values():
        keys = [(p.doc_id, p.article, p.paragraph) for p in remedy.provisions]
        assert len(keys) == len(set(keys)), remedy.id


def test_kr_police_report_states_the_victims_lawyer_rules_in_force() -> None:
    """성폭력처벌법 제27조 (as amended 2026-09-29, in force 2026-10-02): ② during an interview the
    lawyer states opinions only with the prosecutor's or police officer's approval; ⑥ for
    19세미만피해자등 without a lawyer the prosecutor must appoint one ("선정하여야 한다")."""
    from remedy_atlas.answer.draft_texts import POLICE_REPORT

    requests = POLICE_REPORT["KR"][2]
    for lang, approval, must in (
        ("ko", "승인을 받아", "선정하여야 한다"),
        ("zh", "批准", "应当为其选定"),
        ("en", "approval", "must do so for a victim under 19"),
    ):
        assert approval in requests[lang] and must in requests[lang], lang


# (entry, field, value, provision) read by hand: the rows the review found missing.
MISSING_PENALTIES = [
    # 정보통신망법 제74조①3호 (제44조의7①3호 반복 도달): 1년 이하의 징역 또는 1천만원 이하의 벌금
    ("kr-criminal-network-fear-inducing", "max_prison_months", 12, ("kr-network-act", "74")),
    ("kr-criminal-network-fear-inducing", "fine", 10_000_000, ("kr-network-act", "74")),
    # 18 U.S.C. § 2422(b): "not less than 10 years or for life", heavier than § 2251(e)'s 30 years for a
    # first offence (its 50 years and life need prior convictions, another element)
    ("us-criminal-child-sexual-exploitation-enticement", "max_prison_months", "life", ("us-18-usc-2422", "2422")),
    # the file's rule (heaviest over seriousness tiers of the entry's offences): 刑法 第二百八十五条第二款
    # 情节特别严重的，处三年以上七年以下有期徒刑, above 第二百八十四条's 二年
    ("cn-criminal-spy-devices-hacking", "max_prison_months", 84, ("cn-criminal-law", "285")),
    # 18 U.S.C. § 875(b), extortion by threat to injure a person, which the entry describes: not more
    # than twenty years, above (d)'s two
    ("us-criminal-interstate-threats-extortion", "max_prison_months", 240, ("us-18-usc-875", "875")),
    # Cal. Civ. Code § 1708.86(f)(1)(B)(ii)(I): up to $50,000; the $250,000 of (II) needs malice, which
    # (a)(10) defines as a further element
    ("us-ca-civil-deepfake", "damages", 50_000, ("us-ca-civ-1708-86", "1708.86")),
    # SHB 1999 (2024) Sec. 14(1)(a)(ii): statutory damages not to exceed $10,000 against each defendant
    ("us-wa-civil-intimate-images", "damages", 10_000, ("us-wa-shb-1999-2024", "14")),
]


@pytest.mark.parametrize(("remedy_id", "name", "value", "provision"), MISSING_PENALTIES)
def test_reviewed_penalty_rows(remedy_id: str, name: str, value: int | str, provision: tuple[str, str]) -> None:
    figure = getattr(PENALTIES[remedy_id], name)
    assert figure is not None
    assert (figure.value, (figure.provision.doc_id, figure.provision.article)) == (value, provision)
