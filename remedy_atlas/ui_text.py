"""The app's own words in zh, ko and en, the support organisations, and the default interface language.

The answers carry their own language (the question's); these strings are only the interface around
them, so a Korean speaker asking about China still gets a Korean interface.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from .answer.export import escape_markdown
from .language import LANGUAGES
from .settings import CORPUS_DIR

LANGUAGE_NAMES = {"zh": "中文", "ko": "한국어", "en": "English"}
SUPPORT_FILE = CORPUS_DIR / "support.json"

TEXT: dict[str, dict[str, str]] = {
    "title": {"zh": "Remedy Atlas 救济地图", "ko": "Remedy Atlas 구제 지도", "en": "Remedy Atlas"},
    "tagline": {
        "zh": "偷拍、未经同意传播私密影像、深度伪造：中国、韩国和美国的法律救济途径，每条结论都附有原文条款。",
        "ko": "불법촬영, 촬영물 유포, 딥페이크: 중국·한국·미국에서 쓸 수 있는 구제수단을 조문 원문과 함께 보여 줍니다.",
        "en": "Hidden cameras, intimate images shared without consent, deepfakes: the remedies in China, "
        "South Korea and the US, each point resting on the provision's own words.",
    },
    "not_advice": {
        "zh": "本工具提供法律信息，不是法律意见。",
        "ko": "이 도구는 법률 정보를 제공하며 법률 자문이 아닙니다.",
        "en": "This tool gives legal information, not legal advice.",
    },
    "quick_exit": {"zh": "快速离开", "ko": "빠른 나가기", "en": "Quick exit"},
    "quick_exit_help": {
        "zh": "立即清除本次对话并换成一个无关页面（也可按 Esc 键）。浏览器历史记录需您自行清除。",
        "ko": "대화를 즉시 지우고 관련 없는 화면으로 바꿉니다 (Esc 키로도 가능). 브라우저 기록은 직접 지워야 합니다.",
        "en": "Clears this conversation at once and shows an unrelated page (or press Esc). "
        "Your browser history is not cleared.",
    },
    "neutral_title": {"zh": "天气", "ko": "날씨", "en": "Weather"},
    "neutral_body": {
        "zh": "今天多云间晴，最高气温 18°C，最低 9°C。傍晚有微风，明天早晨可能有雾。",
        "ko": "오늘은 구름 많다가 차차 맑아지겠습니다. 낮 최고 18°C, 아침 최저 9°C. "
        "저녁에 약한 바람, 내일 아침 곳에 따라 안개.",
        "en": "Partly cloudy, clearing later. High 18°C, low 9°C. Light breeze in the evening; "
        "patchy fog possible tomorrow morning.",
    },
    "language": {"zh": "界面语言", "ko": "화면 언어", "en": "Interface language"},
    "jurisdictions": {"zh": "法域", "ko": "법역", "en": "Jurisdictions"},
    "choose": {"zh": "请选择", "ko": "선택하세요", "en": "Choose"},
    "CN": {"zh": "中国", "ko": "중국", "en": "China"},
    "KR": {"zh": "韩国", "ko": "한국", "en": "South Korea"},
    "US": {"zh": "美国", "ko": "미국", "en": "United States"},
    "USER": {"zh": "我的文件", "ko": "내 문서", "en": "My documents"},
    "tab_ask": {"zh": "提问", "ko": "질문", "en": "Ask"},
    "tab_compare": {"zh": "比较", "ko": "비교", "en": "Compare"},
    "tab_library": {"zh": "法规库", "ko": "법령 자료실", "en": "Library"},
    "tab_documents": {"zh": "我的文件", "ko": "내 문서", "en": "Your documents"},
    "ask_placeholder": {
        "zh": "描述发生了什么，或提出法律问题……",
        "ko": "상황이나 법적 질문을 적어 주세요…",
        "en": "Describe what happened, or ask a legal question…",
    },
    "ask_intro": {
        "zh": "用中文、韩文或英文提问。回答使用您提问的语言；每个 [n] 标记都能在下方打开对应条文的原文。",
        "ko": "한국어, 중국어, 영어로 질문할 수 있습니다. 답변은 질문한 언어로 나오며, "
        "[n] 표시는 아래에서 해당 조문 원문으로 열립니다.",
        "en": "Ask in Chinese, Korean or English. The answer comes in the language you ask in; "
        "each [n] opens the provision's own text below it.",
    },
    "examples": {"zh": "例如", "ko": "예시", "en": "For example"},
    "thinking": {"zh": "正在查找条文……", "ko": "조문을 찾는 중…", "en": "Looking up the provisions…"},
    "version": {"zh": "版本", "ko": "버전", "en": "Version"},
    "effective": {"zh": "施行日期", "ko": "시행일", "en": "In force from"},
    "source": {"zh": "来源", "ko": "출처", "en": "Source"},
    "open_source": {"zh": "打开来源", "ko": "출처 열기", "en": "Open the source"},
    "page": {"zh": "页码", "ko": "쪽", "en": "Page"},
    "partial": {
        "zh": "注意：语料库只收录了这份文件的一部分。",
        "ko": "주의: 코퍼스에는 이 문서의 일부만 들어 있습니다.",
        "en": "Note: the corpus holds only part of this document.",
    },
    "own_document": {
        "zh": "这是您自己上传的文件，不是语料库中的法律。",
        "ko": "직접 올린 문서이며 코퍼스의 법령이 아닙니다.",
        "en": "This is a document you uploaded, not law from the corpus.",
    },
    "warnings": {"zh": "核查说明", "ko": "검증 메모", "en": "Verification notes"},
    "written_by": {"zh": "撰写方式", "ko": "작성 방식", "en": "Written by"},
    "by_composer": {
        "zh": "离线撰写（依据审定的救济条目，未使用语言模型）",
        "ko": "오프라인 작성 (검토된 구제수단 항목 기반, 언어 모델 미사용)",
        "en": "offline composer (reviewed remedy entries, no language model)",
    },
    "by_model": {
        "zh": "语言模型撰写，引用已核查",
        "ko": "언어 모델 작성, 인용 검증됨",
        "en": "language model, citations verified",
    },
    "clear_chat": {"zh": "清空对话", "ko": "대화 지우기", "en": "Clear the conversation"},
    "conduct": {"zh": "行为", "ko": "행위", "en": "Conduct"},
    "compare_intro": {
        "zh": "选择一种行为，查看侧栏所选法域各自提供的救济；空格表示语料库中没有专门规定。",
        "ko": "행위를 고르면 사이드바에서 선택한 법역별 구제수단을 표로 보여 줍니다. "
        "빈칸은 코퍼스에 특별 규정이 없다는 뜻입니다.",
        "en": "Pick a conduct to see the remedies each jurisdiction chosen in the sidebar offers; "
        "a gap means the corpus has no provision specific to it.",
    },
    "library_intro": {
        "zh": "按法域、法律文件和条文浏览语料库，或在其中搜索。",
        "ko": "법역, 법령, 조문 순으로 코퍼스를 살펴보거나 검색하세요.",
        "en": "Browse the corpus by jurisdiction, instrument and article, or search it.",
    },
    "instrument": {"zh": "法律文件", "ko": "법령·판례", "en": "Instrument"},
    "article": {"zh": "条文", "ko": "조문", "en": "Article"},
    "search": {"zh": "在所选法域中搜索", "ko": "선택한 법역에서 검색", "en": "Search the chosen jurisdiction"},
    "no_results": {"zh": "没有找到匹配的条文。", "ko": "일치하는 조문이 없습니다.", "en": "No provision matches."},
    "documents_intro": {
        "zh": "上传您自己的文件（判决书、律师函、平台回复等；PDF、TXT、MD）。文件只保存在这台电脑上，"
        "回答中会单独标注为“您自己的文件”，不会与法律混在一起。",
        "ko": "판결문, 내용증명, 플랫폼 답변 등 내 문서(PDF, TXT, MD)를 올리세요. 파일은 이 컴퓨터에만 저장되며, "
        "답변에서는 법령과 섞이지 않고 '내 문서'로 따로 표시됩니다.",
        "en": "Upload your own documents (a judgment, a lawyer's letter, a platform's reply; PDF, TXT or MD). "
        "They stay on this computer, and answers show them apart, as yours, never mixed with the law.",
    },
    "upload": {"zh": "选择文件", "ko": "파일 선택", "en": "Choose a file"},
    "uploaded": {"zh": "已加入：", "ko": "추가됨: ", "en": "Added: "},
    "no_documents": {"zh": "还没有上传文件。", "ko": "올린 문서가 없습니다.", "en": "No documents uploaded yet."},
    "delete": {"zh": "删除", "ko": "삭제", "en": "Delete"},
    "deleted": {"zh": "已删除：", "ko": "삭제됨: ", "en": "Deleted: "},
    "llm": {"zh": "语言模型（可选）", "ko": "언어 모델 (선택)", "en": "Language model (optional)"},
    "llm_intro": {
        "zh": "不设置模型也能完整使用。启用后，模型只根据同样的条文改写回答，并经过引用核查。",
        "ko": "모델 없이도 모든 기능을 쓸 수 있습니다. "
        "켜면 모델은 같은 조문으로 답변을 다시 쓰고, 인용 검증을 거칩니다.",
        "en": "Everything works without a model. With one, it only rewrites the answer from the same "
        "provisions, and the citations are checked.",
    },
    "provider": {"zh": "提供方", "ko": "제공자", "en": "Provider"},
    "off": {"zh": "关闭", "ko": "끄기", "en": "Off"},
    "model": {"zh": "模型名称", "ko": "모델 이름", "en": "Model"},
    "base_url": {"zh": "服务地址 (Base URL)", "ko": "서버 주소 (Base URL)", "en": "Base URL"},
    "api_key": {"zh": "API 密钥", "ko": "API 키", "en": "API key"},
    "test_connection": {"zh": "测试连接", "ko": "연결 테스트", "en": "Test connection"},
    "connection_ok": {"zh": "连接成功。", "ko": "연결되었습니다.", "en": "Connected."},
    "connection_failed": {"zh": "连接失败：", "ko": "연결 실패: ", "en": "Connection failed: "},
    "index": {"zh": "索引状态", "ko": "색인 상태", "en": "Index"},
    "documents": {"zh": "文件", "ko": "문서", "en": "documents"},
    "passage": {"zh": "段落", "ko": "단락", "en": "passage"},
    "passages": {"zh": "段落", "ko": "단락", "en": "passages"},
    "indexing": {
        "zh": "首次使用：正在为语料库建立索引，只需一次……",
        "ko": "처음 실행: 코퍼스 색인을 만드는 중입니다 (한 번만)…",
        "en": "First start: indexing the corpus (only once)…",
    },
    "indexed": {"zh": "索引完成：", "ko": "색인 완료: ", "en": "Indexed: "},
    "support": {"zh": "求助资源", "ko": "도움받을 수 있는 곳", "en": "Where to get help"},
    "support_as_of": {
        "zh": "信息截至 {as_of} 年，拨打前请核实。",
        "ko": "{as_of}년 기준 정보입니다. 연락 전에 확인하세요.",
        "en": "As of {as_of}; check before you rely on it.",
    },
    "help": {"zh": "求助", "ko": "도움받기", "en": "Get help"},
    "details": {"zh": "各项救济的详细说明", "ko": "구제수단별 자세한 설명", "en": "Each remedy in detail"},
    "sources_count": {
        "zh": "引用的条文：{n} 条，出自 {m} 部法律文件",
        "ko": "인용한 조문: {m}개 법령·판례의 {n}개 조문",
        "en": "Provisions cited: {n} from {m} instruments",
    },
    "answered_for": {
        "zh": "回答针对：{places}。要看其他国家，请在问题中写明，或在侧栏选择法域。",
        "ko": "답변 대상: {places}. 다른 나라는 질문에 적거나 사이드바에서 법역을 고르세요.",
        "en": "Answered for: {places}. For another country, name it in your question or choose it in the sidebar.",
    },
    "as_question_says": {
        "zh": "按问题判断（默认：提问语言所在国）",
        "ko": "질문에 따라 (기본: 질문 언어의 나라)",
        "en": "As the question says (default: the country of its language)",
    },
    "remedy_summary": {
        "zh": "救济条目的英文摘要（不是法律原文）",
        "ko": "구제수단 항목의 영어 요약 (법령 원문이 아님)",
        "en": "Summary from the remedy entries, in English — not the law's text",
    },
    "yours_first": {
        "zh": "您上传的文件中写道（这是您的文件，不是法律）",
        "ko": "올리신 문서의 내용 (내 문서이며 법령이 아님)",
        "en": "Your uploaded document says (your document, not law)",
    },
    "export_summary": {"zh": "摘要及所引条文", "ko": "요약과 인용 조문", "en": "Summary with cited articles"},
    "export_full": {"zh": "完整附录", "ko": "전체 부록", "en": "Full annex"},
    "emergency": {
        "zh": "如果您有危险，请立即拨打当地报警电话（中国大陆为 110）。",
        "ko": "위험한 상황이면 바로 112(한국) 등 현지 긴급번호로 연락하세요.",
        "en": "If you are in danger, call your local emergency number now (911 in the US).",
    },
}

EXAMPLES = {
    "zh": ("前男友把我们的私密视频发到网上，我能做什么？", "有人用AI把我的脸换到色情视频里，在中国怎么处理？"),
    "ko": (
        "몰래 찍은 영상을 인터넷에 올리면 어떻게 처벌되나요?",
        "딥페이크 영상이 퍼졌는데 삭제 요청은 어디에 하나요?",
    ),
    "en": (
        "Someone posted a deepfake nude of me in the US. What can I do?",
        "My ex is threatening to share our intimate photos unless I pay. Is that a crime in South Korea?",
    ),
}


def t(language: str, key: str) -> str:
    return TEXT[key][language]


def pick_language(locale: str | None, accept_language: str | None) -> str:
    """The browser's first preference we speak: ``navigator.language`` first, then Accept-Language."""
    tags = [locale or ""] + [part.split(";")[0] for part in (accept_language or "").split(",")]
    for tag in tags:
        primary = tag.strip().lower()[:2]
        if primary in LANGUAGES:
            return primary
    return "en"


@cache
def _support_file() -> dict[str, Any]:
    support: dict[str, Any] = json.loads(SUPPORT_FILE.read_text(encoding="utf-8"))
    return support


def support_resources(jurisdictions: tuple[str, ...]) -> list[dict[str, Any]]:
    """Organisations for the chosen jurisdictions, plus those that help anywhere ("ANY")."""
    order = [*jurisdictions, "ANY"]
    found = [org for org in _support_file()["organisations"] if org["jurisdiction"] in order]
    return sorted(found, key=lambda org: order.index(org["jurisdiction"]))


_LINE_BREAK = re.compile(r"\s*<br\s*/?>\s*")
_MARKER = re.compile(r"(?<!\\)\[(\d{1,4})\](?!\()")
_MARKER_RUN = re.compile(r"(?:\s*\[\d+\])+")


def inert_markdown(text: str) -> str:
    """Answer Markdown (the engine's or a model's) made inert: no images fetched from elsewhere, and the
    ``<br>`` the comparison table puts between a cell's remedies becomes a bullet, since HTML is never rendered.
    """
    return _LINE_BREAK.sub(" • ", text.replace("![", "!\\["))


def link_markers(markdown: str, key: str) -> str:
    """Each ``[n]`` of an answer becomes a link to its provision further down the page (anchor ``ref-key-n``)."""
    return _MARKER.sub(lambda m: f"[\\[{m.group(1)}\\]](#{anchor(key, int(m.group(1)))})", markdown)


def compact_markers(text: str, key: str) -> str:
    """Markers "[1][2][3][4][7]" become "[1–4, 7]", each number a link to its provision."""

    def compact(match: re.Match[str]) -> str:
        numbers = [int(n) for n in re.findall(r"\d+", match.group(0))]
        runs: list[list[int]] = []
        for n in numbers:
            if runs and n == runs[-1][-1] + 1:
                runs[-1].append(n)
            else:
                runs.append([n])
        parts = [
            f"[{r[0]}](#{anchor(key, r[0])})" + (f"–[{r[-1]}](#{anchor(key, r[-1])})" if len(r) > 1 else "")
            for r in runs
        ]
        return " \\[" + ", ".join(parts) + "\\]"

    return _MARKER_RUN.sub(compact, text)


def anchor(key: str, marker: int) -> str:
    return f"ref-{key}-{marker}"


HOTLINES_EACH = 2  # per country in an answer; the help button lists them all


def hotlines(jurisdictions: tuple[str, ...], language: str) -> list[str]:
    """One Markdown line per answered jurisdiction: its first helplines, each number a tap-to-call link."""
    lines = []
    for jurisdiction in jurisdictions:
        calls: list[str] = []
        for org in support_resources((jurisdiction,)):
            if org["jurisdiction"] == jurisdiction and org["phone"] and len(calls) < HOTLINES_EACH:
                numbers = " / ".join(f"[{n}](tel:{n.replace('-', '')})" for n in org["phone"].split(" / "))
                calls.append(f"{escape_markdown(org['name'][language])} ☎ {numbers}")
        if calls:
            lines.append(f"**{t(language, jurisdiction)}**: " + " · ".join(calls))
    return lines
