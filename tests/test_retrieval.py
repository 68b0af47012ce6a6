"""Tokenizers on real text, hybrid search on the real corpus, filters, cross-lingual reach, the JSON contract."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from bench.eval.split import load as load_split
from remedy_atlas.answer.remedies import default_remedies
from remedy_atlas.index import load_embedder, open_retriever, shipped_embedder
from remedy_atlas.ingest import lexical
from remedy_atlas.ingest.lexical import LexicalIndex
from remedy_atlas.ingest.load import load_document
from remedy_atlas.ingest.split import split_document
from remedy_atlas.ingest.tokenize import tokenize, tokenize_en, tokenize_ko, tokenize_zh
from remedy_atlas.retrieval import search
from remedy_atlas.retrieval.glossary import default_glossary, stated_ages
from remedy_atlas.retrieval.keys import (
    KeyVectors,
    Provision,
    default_heading_terms,
    default_index_terms,
    key_passages,
)
from remedy_atlas.retrieval.names import Names, default_name_book
from remedy_atlas.retrieval.search import CANDIDATES, Filters, Retriever, dense_neighbours, plan_query
from remedy_atlas.settings import CORPUS_DIR, Settings


@pytest.fixture(scope="module")
def retriever(corpus_settings: Settings) -> Retriever:
    return open_retriever(corpus_settings)


def test_each_language_gets_a_real_tokenizer() -> None:
    assert {"偷拍", "隐私", "拘留"} <= set(tokenize_zh("偷窥、偷拍他人隐私会被拘留吗？"))
    assert {"촬영", "유포", "처벌"} <= set(tokenize_ko("불법촬영물을 유포하면 처벌받나요?"))
    assert {"disclosur", "intim", "imag"} <= set(tokenize_en("Disclosure of intimate images"))
    # the law's own word inside an English question is kept, in its own language's tokens
    assert {"prosecutor", "형사", "조정", "自诉"} <= set(
        tokenize("the prosecutor sent it to 형사조정, not a 自诉", "en")
    )


def test_a_chinese_query_scores_on_chinese_text() -> None:
    records = [
        ("a", "第五十条 偷窥、偷拍、窃听、散布他人隐私的，处五日以下拘留", {"language": "zh"}),
        ("b", "제14조 카메라 등을 이용한 촬영", {"language": "ko"}),
    ]
    index = LexicalIndex.build(
        (
            cid,
            text,
            {
                **m,
                "doc_id": cid,
                "jurisdiction": "CN",
                "kind": "statute",
                "partial": False,
                "title": "",
                "unit": "article",
            },
        )
        for cid, text, m in records
    )
    scores = index.scores(tokenize_zh("偷拍会被拘留吗"))
    assert scores[0] > 0 and scores[1] == 0


def test_a_lexical_index_built_in_small_batches_scores_as_one_built_whole(
    retriever: Retriever, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [r for i, r in enumerate(retriever.store.records()) if i % 10 == 0]  # all three languages, interleaved
    records.append(("empty", "", {**records[0][2], "title": "", "citation": ""}))  # a chunk with no tokens
    whole = LexicalIndex.build(records)
    monkeypatch.setattr(lexical, "TOKENIZE_BATCH", 7)
    batched = LexicalIndex.build(records)
    assert {e.language for e in batched.entries} == {"en", "ko", "zh"}
    for tokens in (tokenize_zh("平台删除偷拍视频"), tokenize_ko("불법촬영물 삭제"), tokenize_en("intimate image")):
        assert whole.scores(tokens).max() > 0
        assert (batched.scores(tokens) == whole.scores(tokens)).all()
    assert batched.fingerprint == whole.fingerprint


def test_lexical_index_survives_a_round_trip_and_detects_corruption(tmp_path: Path, retriever: Retriever) -> None:
    index = retriever.lexical
    index.save(tmp_path / "lex")
    loaded = LexicalIndex.load(tmp_path / "lex")
    assert loaded is not None and loaded.fingerprint == index.fingerprint
    (tmp_path / "lex" / "entries.json").write_text("{ not json", encoding="utf-8")
    assert LexicalIndex.load(tmp_path / "lex") is None


def test_named_jurisdictions_win_and_language_never_decides() -> None:
    glossary = default_glossary()
    assert plan_query("韩国法律对深度伪造色情内容如何处罚？", glossary).jurisdictions == ("KR",)
    assert plan_query("미국에서 몰래카메라 촬영은 연방 범죄인가요?", glossary).jurisdictions == ("US",)
    assert plan_query("偷拍他人隐私会被拘留吗？", glossary).jurisdictions == ("CN", "KR", "US")
    assert plan_query("偷拍他人隐私会被拘留吗？", glossary, ("CN",)).jurisdictions == ("CN",)


def test_glossary_expansion_reaches_other_languages() -> None:
    plan = plan_query("韩国法律对深度伪造色情内容如何处罚？", default_glossary())
    assert any("허위영상물" in term for term in plan.expansion["ko"])


def test_cross_lingual_search_finds_the_korean_article(retriever: Retriever) -> None:
    hits = retriever.search("韩国法律对深度伪造色情内容如何处罚？", k=5)
    assert ("kr-sexual-crimes-act", "14-2") in {(h.doc_id, h.article) for h in hits}


def test_filters_hold_for_every_hit(retriever: Retriever) -> None:
    hits = retriever.search("intimate images", Filters(jurisdictions=("KR", "US"), kinds=("statute",)), k=10)
    assert hits and all(h.jurisdiction in ("KR", "US") and h.kind == "statute" for h in hits)
    no_partial = retriever.search("intimate image civil action", Filters(include_partial=False), k=10)
    assert all(not h.metadata["partial"] for h in no_partial)


def test_one_hit_per_article_and_both_retrievers_fused(retriever: Retriever) -> None:
    hits = retriever.search("15 U.S.C. 6851 civil action damages for disclosure of intimate images", k=10)
    keys = [(h.doc_id, h.article) for h in hits if h.article]
    assert len(keys) == len(set(keys))
    top = hits[0]
    assert (top.doc_id, top.article) == ("us-15-usc-6851", "6851")
    assert {"lexical", "dense"} <= top.found_by
    assert top.text.startswith("## § 6851.") and "(b) Civil action" in top.text


def test_comparative_questions_are_balanced(retriever: Retriever) -> None:
    hits = retriever.search("compare how China, Korea and the US punish deepfake pornography", k=6)
    assert {h.jurisdiction for h in hits} == {"CN", "KR", "US"}


def test_batch_search_json_contract(
    corpus_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from remedy_atlas.cli import main

    queries = tmp_path / "q.jsonl"
    queries.write_text(
        json.dumps({"id": "q1", "question": "偷窥、偷拍他人隐私会被拘留吗？"}, ensure_ascii=False)
        + "\n"
        + json.dumps({"id": "q2", "question": "What is a digital forgery?"})
        + "\n",
        encoding="utf-8",
    )
    assert (
        main(["search", "--queries", str(queries), "--json", "-k", "3", "--store", str(corpus_settings.data_dir)]) == 0
    )
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == ["q1", "q2"]
    for line in lines:
        assert len(line["hits"]) == 3
        assert set(line["hits"][0]) == {
            "rank",
            "doc_id",
            "article",
            "jurisdiction",
            "kind",
            "citation",
            "title",
            "score",
            "text",
        }
        assert [h["rank"] for h in line["hits"]] == [1, 2, 3]


def test_dense_filtering_without_a_where_clause_keeps_to_the_filter(retriever: Retriever) -> None:
    """The over-fetched, locally filtered neighbours are the filtered query's, and a narrow filter still holds."""
    vector = retriever.store.embedder.encode_queries(["distribution of intimate images without consent"])[0]
    for filters in (Filters(jurisdictions=("KR",)), Filters(jurisdictions=("CN",), languages=("zh",))):
        local = dense_neighbours(retriever.store, vector, filters, retriever.lexical.entry)
        exact = [chunk_id for chunk_id, _ in retriever.store.query(vector, CANDIDATES, filters.where())]
        assert len(set(local[:20]) & set(exact[:20])) >= 18
    bills = dense_neighbours(retriever.store, vector, Filters(kinds=("bill",)), retriever.lexical.entry)
    assert bills and all(retriever.lexical.entry(c).kind == "bill" for c in bills)  # type: ignore[union-attr]


def test_the_vector_query_returns_the_true_nearest_chunks(retriever: Retriever) -> None:
    """What dense search asks of the store (240 neighbours) is the exact nearest, for every dev question:
    at Chroma's default search width some questions got an eighth of them, and a different set from one
    process start to the next."""
    questions = [row["question"] for row in load_split("dev")]
    stored = retriever.store._collection.get(include=["embeddings"])
    chunks = np.asarray(stored["embeddings"], dtype=np.float32)
    chunks /= np.linalg.norm(chunks, axis=1, keepdims=True)
    wanted = CANDIDATES * search.OVERFETCH
    overlaps = []
    for vector in retriever.store.embedder.encode_queries(questions):
        exact = {stored["ids"][i] for i in np.argsort(-(chunks @ vector))[:wanted]}
        found = {chunk_id for chunk_id, _ in retriever.store.query(vector, wanted)}
        overlaps.append(len(exact & found) / wanted)
    assert min(overlaps) >= 0.98 and sum(overlaps) / len(overlaps) >= 0.995


def test_the_remedy_knowledge_ranks_up_what_a_takedown_question_asks_for(retriever: Retriever) -> None:
    question = "韩国：前男友把我的视频发到网上，我能要求网站删除吗？"
    bare = Retriever(
        retriever.store, retriever.lexical, retriever.glossary,
        names=retriever.names, terms=retriever.terms, headings=retriever.headings, key_vectors=retriever.key_vectors,
    )  # fmt: skip
    with_prior = [(h.doc_id, h.article) for h in retriever.search(question, k=5)]
    without = [(h.doc_id, h.article) for h in bare.search(question, k=5)]
    assert retriever.prior is not None
    named = set(retriever.prior(plan_query(question, retriever.glossary, (), retriever.names)))
    assert ("kr-network-act", "44-2") in named  # the request to delete: a takedown entry rests on it
    lifted = [p for p in with_prior if p in named and p not in without]
    assert lifted, "the takedown entries' provisions rank into the top 5 only with the prior"
    assert with_prior[0] == ("kr-network-act", "44-2")


def test_a_question_naming_no_country_finds_its_own_countrys_law_first(retriever: Retriever) -> None:
    assert retriever.search("有人在网上散布我的私密照片，我可以要求平台删除吗？", k=3)[0].jurisdiction == "CN"
    assert retriever.search("韩国：有人在网上散布我的私密照片，我可以要求平台删除吗？", k=3)[0].jurisdiction == "KR"
    everywhere = retriever.search("有人在网上散布我的私密照片，我可以要求平台删除吗？", k=40)
    assert {h.jurisdiction for h in everywhere} == {"CN", "KR", "US"}  # the others still answer, below


def test_names_in_any_language_map_to_statutes_articles_and_places() -> None:
    book = default_name_book()
    assert book.read("China's public security administration law: is secretly filming punishable?", "en") == Names(
        countries=("CN",), documents=("cn-psapl",)
    )
    assert book.read("治安管理处罚法第五十条", "zh") == Names(("CN",), (), ("cn-psapl",), ("50",))
    assert book.read("刑法第三百六十四条", "zh").articles == ("364",)
    assert book.read("성폭력처벌법 제14조의3", "ko") == Names(("KR",), (), ("kr-sexual-crimes-act",), ("14-3",))
    assert book.read("性暴力犯罪处罚特例法", "zh").documents == (
        "kr-sexual-crimes-act",
    )  # a Korean law named in Chinese
    assert book.read("중국 형법 364조", "ko").documents == ("cn-criminal-law",)  # 형법 inside 중국 형법 gives way
    assert book.read("형법상 모욕죄", "ko").documents == ("kr-criminal-act",)  # shared name: the asker's country
    assert book.read("Does criminal law cover this?", "en").documents == ()  # generic words name nothing
    assert book.read("TAKE IT DOWN Act removal deadline", "en").documents == ("us-47-usc-223a",)
    assert book.read("What does § 223(h) define?", "en") == Names(articles=("223",), sections=("223",))
    assert book.read("Texas Penal Code Sec. 21.16", "en") == Names(("US",), ("US-TX",), (), ("21.16",), ("21.16",))
    assert book.read("is it a federal crime?", "en") == Names(("US",), ("US",))
    assert book.read("텍사스에서 협박", "ko").places == ("US-TX",)
    assert book.read("我在首尔住的民宿里发现了摄像头", "zh").countries == ("KR",)
    # a platform only one country uses names it: her videos on Kuaishou are a question of Chinese law
    assert book.read("her ex put her videos on Kuaishou", "en").countries == ("CN",)
    assert book.read("네이트판에 제 사진이 올라왔어요", "ko").countries == ("KR",)


@pytest.mark.parametrize(
    ("question", "places"),
    [
        ("lubbock tx, a match on tinder sent me an explicit pic", ("US-TX",)),
        ("buffalo ny, my ex put my nudes on his story", ("US-NY",)),
        ("my neighbor in fresno put a camera in the vent", ("US-CA",)),
        ("if the feds charge him, what happens?", ("US",)),
        ("the video is on the 2nd fl. of the dorm and the text says ok.", ()),  # no Florida, no Oklahoma
    ],
)
def test_a_state_is_read_as_people_write_it(question: str, places: tuple[str, ...]) -> None:
    """An address in lower case ("lubbock tx"), a city below the largest, "the feds": else a Texas question
    is answered with the law of three countries."""
    assert default_name_book().read(question, "en").places == places


def test_an_article_cited_by_number_ranks_first(retriever: Retriever) -> None:
    for question, provision in (
        ("治安管理处罚法第五十条规定了什么？", ("cn-psapl", "50")),
        ("성폭력처벌법 제14조의3은 무엇을 처벌하나요?", ("kr-sexual-crimes-act", "14-3")),
        ("What does § 223(h) define?", ("us-47-usc-223", "223")),
        ("Criminal Law of China, Article 253-1: what is punished?", ("cn-criminal-law", "253-1")),
    ):
        top = retriever.search(question, k=3)[0]
        assert (top.doc_id, top.article) == provision, question


def test_a_statute_named_in_english_reaches_the_chinese_article(retriever: Retriever) -> None:
    hits = retriever.search("China's public security administration law: is secretly filming someone punishable?", k=3)
    assert (hits[0].doc_id, hits[0].article) == ("cn-psapl", "50")


def test_a_federal_question_ranks_federal_law_above_the_states(retriever: Retriever) -> None:
    hits = retriever.search("Under federal law, can I sue someone who shared my intimate images?", k=5)
    assert (hits[0].doc_id, hits[0].article) == ("us-15-usc-6851", "6851")
    places = [h.metadata["jurisdiction_full"] for h in hits if h.jurisdiction == "US"]
    assert places[:3] == ["US", "US", "US"]


def test_index_terms_let_an_english_question_meet_a_korean_article(retriever: Retriever) -> None:
    question = "Korea: my ex says he will send our video to my family unless I pay him"
    keyed = [(h.doc_id, h.article) for h in retriever.search(question, k=5)]
    bare = Retriever(retriever.store, retriever.lexical, retriever.glossary)
    assert ("kr-sexual-crimes-act", "14-3") in keyed
    assert ("kr-sexual-crimes-act", "14-3") not in [(h.doc_id, h.article) for h in bare.search(question, k=5)]


def test_the_keys_reach_a_later_paragraph_of_an_article(retriever: Retriever) -> None:
    """성폭력처벌법 제14조 ③ punishes selling the footage online for profit (3 years or more): a question of
    its own, which keys written for the first paragraph's hidden camera did not reach."""
    hits = retriever.search("he is selling my videos online for money in korea, what sentence", k=5)
    assert ("kr-sexual-crimes-act", "14") in [(h.doc_id, h.article) for h in hits]


def test_every_provision_a_remedy_rests_on_has_index_terms_in_three_languages() -> None:
    """An English question meets a Chinese or Korean article lexically only through its keys."""
    terms = default_index_terms().terms
    needed = {Provision(p.doc_id, p.article) for r in default_remedies() for p in r.provisions}
    assert sorted((p.doc_id, p.article) for p in needed if p not in terms) == []
    assert [p for p in needed if set(terms[p]) != {"zh", "ko", "en"} or not all(terms[p].values())] == []


def test_every_korean_article_heading_is_an_index_term_in_three_languages() -> None:
    """The Korean heading verbatim, so the keys never drift from the law; Chinese and English beside it.
    Chinese articles carry no heading: theirs are editorial, in all three languages, for articles that
    exist; every US section has one too (its caption, translated)."""
    articles: set[Provision] = set()
    headings: dict[Provision, str] = {}
    for path in sorted(CORPUS_DIR.glob("*/*.md")):
        for chunk in split_document(load_document(path)):
            if chunk.unit == "article" and chunk.article:
                articles.add(Provision(chunk.doc_id, chunk.article))
                heading = re.match(r"#+ 제\d+조(?:의\d+)? \((.*)\)$", chunk.text.split("\n", 1)[0])
                if heading:
                    headings[Provision(chunk.doc_id, chunk.article)] = heading.group(1)
    terms = default_heading_terms().terms
    assert len(headings) > 1000
    assert {p: terms.get(p, {}).get("ko") for p in headings if terms.get(p, {}).get("ko") != headings[p]} == {}
    assert [p for p in terms if p not in articles or not all(terms[p][lang] for lang in ("zh", "ko", "en"))] == []
    assert len([p for p in terms if p.doc_id.startswith("cn-")]) > 900
    assert {p for p in articles if p.doc_id.startswith("us-")} <= set(terms)


def test_a_translated_heading_lifts_a_korean_article_for_an_english_question(retriever: Retriever) -> None:
    """ "Who decides": the council's heading (범죄피해구조심의회), translated, beside the index terms of the decision."""
    question = "Korea: who decides on crime victim relief money?"
    top = retriever.search(question, k=5)[0]
    bare = Retriever(retriever.store, retriever.lexical, retriever.glossary, retriever.prior, terms=retriever.terms)
    assert (top.doc_id, top.article) == ("kr-crime-victim-protection-act", "24")
    first = bare.search(question, k=5)[0]
    assert (first.doc_id, first.article) != (top.doc_id, top.article)


def test_the_keys_reach_a_provision_by_meaning(retriever: Retriever) -> None:
    """A question that says "too late to take him to court" means 民法典 第一百八十八条, whose keys say
    "limitation period"."""
    question = "China: it happened four years ago, is it too late to take him to court?"
    top = retriever.search(question, k=5)[0]
    assert (top.doc_id, top.article) == ("cn-civil-code", "188") and "key vectors" in top.found_by
    bare = Retriever(
        retriever.store, retriever.lexical, retriever.glossary, retriever.prior,
        names=retriever.names, terms=retriever.terms, headings=retriever.headings,
    )  # fmt: skip
    first = bare.search(question, k=5)[0]
    assert (first.doc_id, first.article) != ("cn-civil-code", "188")


def test_a_clear_index_term_match_outweighs_the_storys_words(
    retriever: Retriever, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The story (a camera, a dorm, the police) leads every ranking to the offences; the ask, whether the
    victim can challenge a police penalty, is 治安管理处罚法 第一百二十一条, which the keys alone match well."""
    question = "the guy who hid a camera in my dorm in wuhan got only a warning from the police. can the victim challenge the decision?"
    top = retriever.search(question, k=5)[0]
    assert (top.doc_id, top.article) == ("cn-psapl", "121") and "key match" in top.found_by
    monkeypatch.setattr(search, "KEY_MATCH_WEIGHT", 0.0)
    assert ("cn-psapl", "121") not in {(h.doc_id, h.article) for h in retriever.search(question, k=5)}


def test_the_default_model_reads_the_key_vectors_from_the_shipped_corpus(settings: Settings) -> None:
    """Nothing is embedded at start: a new copy opens its retriever from the vectors it ships with."""
    embedder = shipped_embedder(settings)
    texts = [text for _, _, text in key_passages(default_heading_terms(), default_index_terms())]
    embedder.encode_passages(texts)
    assert embedder.hits == len(texts) > 6000


def test_key_vectors_are_kept_per_model_and_keys(tmp_path: Path, settings: Settings) -> None:
    embedder = load_embedder(settings.embedder)
    passages = [
        (Provision("cn-civil-code", "188"), "en", "limitation period; three years"),
        (Provision("cn-criminal-law", "364"), "en", "spreading obscene material"),
        (Provision("cn-criminal-law", "364"), "zh", "传播淫秽物品"),
    ]
    cache = tmp_path / "keys.npz"
    vectors = KeyVectors.embedded(passages, embedder, cache)
    query = embedder.encode_queries(["how long do I have to sue"])[0]
    assert vectors.ranked(query, "en") == [Provision("cn-civil-code", "188"), Provision("cn-criminal-law", "364")]
    assert vectors.ranked(query, "zh") == [Provision("cn-criminal-law", "364")]
    assert vectors.ranked(query, "ko") == []
    written = cache.stat().st_mtime_ns
    KeyVectors.embedded(passages, embedder, cache)
    assert cache.stat().st_mtime_ns == written  # read, not embedded again
    changed = [*passages[:2], (Provision("cn-criminal-law", "364"), "zh", "传播淫秽物品罪")]
    KeyVectors.embedded(changed, embedder, cache)
    assert cache.stat().st_mtime_ns != written


def test_the_person_names_the_conduct() -> None:
    """The glossary knows the doer and the gain ("a stalker", "made money"), not only the act."""
    glossary = default_glossary()
    assert glossary.conducts("how long can a police order against a stalker last?") == ["stalking"]
    assert glossary.conducts("宾馆偷拍然后卖钱") == ["covert-filming", "distribution"]
    assert glossary.conducts("영상 유포하겠다고 협박하면서 돈 요구") == ["distribution", "extortion", "threats"]
    assert glossary.conducts("他威胁要把视频发到网上") == ["distribution", "threats"]  # no money asked: no extortion


@pytest.mark.parametrize(
    "question",
    [
        "im 15 and my ex in seoul is spreading a video of me on telegram",
        "my 13 yo got sent nudes by a stranger",
        "my sister is 14. he filmed her",
        "我女儿十五岁，被同学偷拍了",
        "우리 딸이 15살인데 영상이 퍼졌어요",
        "열여섯 살 때 찍힌 영상이에요",
    ],
)
def test_a_stated_age_under_18_is_a_question_about_a_minor(question: str) -> None:
    """Survivors give their age, not their legal status: a child's law applies where no word says "minor"."""
    glossary = default_glossary()
    assert "minors" in glossary.conducts(question)
    assert "minors" not in glossary.conducts(
        question.replace("15", "26")
        .replace("13", "31")
        .replace("14", "24")
        .replace("十五", "二十六")
        .replace("열여섯", "스물여섯")
    )


def test_numbers_that_are_no_age_are_not_read_as_one() -> None:
    assert stated_ages("he only got 6 months. the fine is 5,000 and it is 10 years in prison") == []
    assert stated_ages("the fine is 10 million won and the sentence is 3 to 7 years") == []
    assert stated_ages("when i was 15 a man pressured me. im 31 now") == [15, 31]


def test_a_minor_who_gives_only_her_age_finds_the_child_protection_law_first(retriever: Retriever) -> None:
    question = "im {} and my ex in seoul is spreading a video of me on telegram. what can i do?"
    assert retriever.search(question.format(15), k=1)[0].doc_id == "kr-youth-sex-protection-act"
    assert retriever.search(question.format(26), k=1)[0].doc_id != "kr-youth-sex-protection-act"
