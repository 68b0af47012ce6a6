"""The offline composer's fixed words, in the three languages it answers in."""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    "zh": {
        "CN": "中国", "KR": "韩国", "US": "美国",
        "criminal": "刑事途径", "civil": "民事途径", "administrative": "行政处罚",
        "takedown": "要求平台删除", "protective-order": "保护令", "victim-support": "被害人支持",
        "gives": "后果", "who": "由谁提出、向谁提出", "conditions": "条件与限制", "caveat": "请注意",
        "cases": "相关案例", "related": "其他可能相关的条文", "sources": "引用的条文",
        "nothing": "语料库中没有找到能回答这个问题的条文。请换一种说法，或选择其他法域。",
        "no_remedy": "语料库中没有针对这一情形的专门规定；以下条文可能相关：",
        "no_provision": "未找到专门规定",
        "partial": "此文本在语料库中不完整",
        "disclaimer": "以上为法律信息，不是法律意见。请向律师或当地援助机构咨询您的具体情况。",
        "conduct": "行为", "compare_title": "比较",
        "removed": "部分未能核实的内容已被删除。",
        "yours": "您自己上传的文件（不是语料库中的法律）",
    },
    "ko": {
        "CN": "중국", "KR": "한국", "US": "미국",
        "criminal": "형사 절차", "civil": "민사 소송", "administrative": "행정 제재",
        "takedown": "플랫폼 삭제 요청", "protective-order": "보호명령", "victim-support": "피해자 지원",
        "gives": "효과", "who": "누가, 어디에", "conditions": "요건과 한계", "caveat": "유의",
        "cases": "관련 판례", "related": "그 밖에 관련될 수 있는 조문", "sources": "인용한 조문",
        "nothing": "코퍼스에서 이 질문에 답할 조문을 찾지 못했습니다. 다르게 물어보시거나 다른 법역을 선택해 주세요.",
        "no_remedy": "코퍼스에 이 상황에 대한 특별 규정이 없습니다. 다음 조문이 관련될 수 있습니다:",
        "no_provision": "특별 규정을 찾지 못함",
        "partial": "코퍼스의 이 문서는 일부만 수록되어 있습니다",
        "disclaimer": "이 내용은 법률 정보이며 법률 자문이 아닙니다. 구체적인 사정은 변호사나 지원기관과 상담하세요.",
        "conduct": "행위", "compare_title": "비교",
        "removed": "검증할 수 없는 내용 일부를 삭제했습니다.",
        "yours": "내가 올린 문서 (코퍼스의 법령이 아님)",
    },
    "en": {
        "CN": "China", "KR": "South Korea", "US": "United States",
        "criminal": "Criminal complaint", "civil": "Civil action", "administrative": "Administrative penalty",
        "takedown": "Platform removal", "protective-order": "Protective order", "victim-support": "Victim support",
        "gives": "What it gives", "who": "Who and where", "conditions": "Conditions and limits", "caveat": "Note",
        "cases": "Related cases", "related": "Other provisions that may be relevant", "sources": "Provisions cited",
        "nothing": "No provision in the corpus answers this question. Try other words, or another jurisdiction.",
        "no_remedy": "The corpus has no provision specific to this; these provisions may be relevant:",
        "no_provision": "no specific provision found",
        "partial": "the corpus holds only part of this text",
        "disclaimer": "This is legal information, not legal advice. Talk to a lawyer or a support organisation about your situation.",
        "conduct": "Conduct", "compare_title": "Comparison",
        "removed": "Some statements that could not be verified were removed.",
        "yours": "Your own documents (not law from the corpus)",
    },
}

CONDUCT_NAMES: dict[str, dict[str, str]] = {
    "covert-filming": {"zh": "偷拍", "ko": "불법촬영", "en": "Covert filming"},
    "distribution": {"zh": "未经同意传播私密影像", "ko": "촬영물 유포", "en": "Non-consensual distribution"},
    "threats": {"zh": "威胁与性勒索", "ko": "협박·강요", "en": "Threats and sextortion"},
    "deepfake": {"zh": "深度伪造", "ko": "허위영상물(딥페이크)", "en": "Deepfakes / synthetic media"},
    "possession": {"zh": "持有与观看", "ko": "소지·시청", "en": "Possession and viewing"},
    "minors": {"zh": "涉及未成年人", "ko": "아동·청소년", "en": "Minors"},
    "insult-defamation": {"zh": "侮辱与诽谤", "ko": "모욕·명예훼손", "en": "Insult and defamation"},
    "personal-information": {"zh": "个人信息与人肉搜索", "ko": "개인정보·신상털기", "en": "Personal information and doxxing"},
    "stalking": {"zh": "跟踪骚扰", "ko": "스토킹", "en": "Stalking"},
    "platform-hosting": {"zh": "平台责任", "ko": "플랫폼 책임", "en": "Platform hosting"},
}
