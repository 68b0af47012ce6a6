"""The words of the drafts: per kind, jurisdiction and language, the blocks a draft is assembled from.

Written from the provisions they cite and nothing else. ``[[doc_id article]]`` becomes the
provision's citation marker; ``{fact}`` becomes what the user typed, or a marked blank;
``@offences`` becomes the reviewed remedy entries for the offences to name. A double-quoted span
is verbatim from the cited provision (the verifier removes it otherwise); single quotes mark a
translation. A block whose provision the corpus lacks is left out, with a note saying so.
"""

from __future__ import annotations

Block = dict[str, str]  # language → Markdown

KINDS = ("takedown", "police-report", "evidence-log")

FACT_LABELS: dict[str, Block] = {
    "name": {"zh": "姓名", "ko": "성명", "en": "your name"},
    "contact": {
        "zh": "联系方式（地址、电话、电子邮箱）",
        "ko": "연락처(주소, 전화, 전자우편)",
        "en": "address, phone, email",
    },
    "id_number": {"zh": "身份证件号码", "ko": "신분증 번호", "en": "identity document number"},
    "platform": {"zh": "平台名称", "ko": "플랫폼 이름", "en": "platform"},
    "url": {"zh": "网址", "ko": "URL", "en": "URL"},
    "account": {"zh": "发布者账号", "ko": "게시자 계정", "en": "account that posted it"},
    "description": {"zh": "图片或视频的描述", "ko": "사진·영상 설명", "en": "description of the image or video"},
    "date_published": {"zh": "发布或发现的时间", "ko": "게시·발견 일시", "en": "when it was posted or found"},
    "signature": {"zh": "签名", "ko": "서명", "en": "signature"},
    "date": {"zh": "日期", "ko": "날짜", "en": "date"},
    "work": {
        "zh": "作品：你自己拍摄的照片或视频",
        "ko": "저작물: 직접 촬영한 사진·영상",
        "en": "the work: the photo or video you took",
    },
    "police": {"zh": "公安机关名称", "ko": "경찰서", "en": "police department"},
    "suspect": {"zh": "被控告人姓名或账号", "ko": "피고소인 성명 또는 계정", "en": "suspect's name or account"},
    "when": {"zh": "时间", "ko": "일시", "en": "when"},
    "where": {"zh": "地点", "ko": "장소", "en": "where"},
    "what": {"zh": "经过", "ko": "경위", "en": "what happened"},
    "evidence": {"zh": "证据清单", "ko": "증거 목록", "en": "list of evidence"},
}

TITLES: dict[str, Block] = {
    "takedown": {"zh": "删除通知", "ko": "삭제 요청", "en": "Takedown notice"},
    "police-report": {"zh": "报案/控告材料", "ko": "고소장", "en": "Police report"},
    "evidence-log": {"zh": "证据记录", "ko": "증거 기록", "en": "Evidence log"},
}

MISSING: Block = {
    "zh": "（此部分从略：语料库中没有 {doc_id}。）",
    "ko": "(이 부분은 생략합니다: 코퍼스에 {doc_id}이(가) 없습니다.)",
    "en": "(This part is left out: the corpus does not hold {doc_id}.)",
}

OFFENCES_PICK: Block = {
    "zh": "（未说明是哪种行为：请保留符合您情况的罪名，删除其余的。）",
    "ko": "(어떤 행위인지 정하지 않았습니다: 해당하는 죄명만 남기고 나머지는 지우세요.)",
    "en": "(No conduct was given: keep the offences that fit what happened and delete the rest.)",
}

OFFENCES_NONE: Block = {
    "zh": "（语料库中没有与此行为对应的条目。）",
    "ko": "(이 행위에 해당하는 항목이 코퍼스에 없습니다.)",
    "en": "(The corpus has no entry for this conduct.)",
}

# ---------------------------------------------------------------- takedown

TAKEDOWN: dict[str, list[Block]] = {
    "US": [
        {
            "en": """## Removal request under 47 U.S.C. § 223a (TAKE IT DOWN Act)

To: {platform} — notice and removal process
Date: {date}

A covered platform must run a process through which an identifiable individual may notify it of an intimate visual depiction published without consent and "submit a request for the covered platform to remove such intimate visual depiction" [[us-47-usc-223a 223a]]. This request contains, in writing, each element § 223a(a)(1)(B) requires [[us-47-usc-223a 223a]]:

1. **Signature** ("a physical or electronic signature of the identifiable individual"): {signature}
2. **Identification of the depiction and information to locate it**: {description}. Location: {url}. Posted by: {account}.
3. **Good-faith statement**: I have a good faith belief that the intimate visual depiction identified in item 2 is not consensual: it was published without my consent. {what}
4. **Contact information**: {name}, {contact}

The platform must act "as soon as possible, but not later than 48 hours after receiving such request": remove the depiction and "make reasonable efforts to identify and remove any known identical copies of such depiction" [[us-47-usc-223a 223a]]. A failure to reasonably comply is enforced by the Federal Trade Commission as an unfair or deceptive act or practice [[us-47-usc-223a 223a]].""",
            "zh": """## 依据 47 U.S.C. § 223a（TAKE IT DOWN Act）提出的删除请求

致：{platform}（通知与删除程序）
日期：{date}

受该条约束的平台必须设立程序，让可识别的个人就未经同意发布的私密影像发出通知，并 "submit a request for the covered platform to remove such intimate visual depiction" [[us-47-usc-223a 223a]]。本请求以书面形式包含 § 223a(a)(1)(B) 要求的每一项内容 [[us-47-usc-223a 223a]]：

1. **签名**（"a physical or electronic signature of the identifiable individual"）：{signature}
2. **影像的识别及足以定位的信息**：{description}。位置：{url}。发布者：{account}。
3. **善意声明**：本人善意地相信，第 2 项所指的私密影像并非经本人同意，是在未经本人同意的情况下发布的。{what}
4. **联系方式**：{name}，{contact}

平台必须 "as soon as possible, but not later than 48 hours after receiving such request" 删除该影像，并 "make reasonable efforts to identify and remove any known identical copies of such depiction" [[us-47-usc-223a 223a]]。未合理遵守的，由联邦贸易委员会（FTC）作为不公平或欺骗性行为执法 [[us-47-usc-223a 223a]]。""",
            "ko": """## 47 U.S.C. § 223a(TAKE IT DOWN Act)에 따른 삭제 요청

수신: {platform} (통지 및 삭제 절차)
날짜: {date}

적용 대상 플랫폼은 식별 가능한 개인이 동의 없이 게시된 친밀한 영상을 통지하고 "submit a request for the covered platform to remove such intimate visual depiction" 할 수 있는 절차를 두어야 합니다 [[us-47-usc-223a 223a]]. 이 요청은 § 223a(a)(1)(B)가 요구하는 각 요소를 서면으로 담고 있습니다 [[us-47-usc-223a 223a]]:

1. **서명** ("a physical or electronic signature of the identifiable individual"): {signature}
2. **영상의 특정 및 위치를 찾을 수 있는 정보**: {description}. 위치: {url}. 게시자: {account}.
3. **선의의 진술**: 본인은 2항의 친밀한 영상이 동의에 의한 것이 아니며 본인의 동의 없이 게시되었다고 선의로 믿습니다. {what}
4. **연락처**: {name}, {contact}

플랫폼은 "as soon as possible, but not later than 48 hours after receiving such request" 영상을 삭제하고 "make reasonable efforts to identify and remove any known identical copies of such depiction" 해야 합니다 [[us-47-usc-223a 223a]]. 합리적으로 이행하지 않으면 연방거래위원회(FTC)가 불공정·기만 행위로 집행합니다 [[us-47-usc-223a 223a]].""",
        },
        {
            "en": """## If you took the image yourself: a DMCA notice under 17 U.S.C. § 512(c)(3)

To: the designated agent of {platform}

If you own the copyright in the image, a notification of claimed infringement "must be a written communication provided to the designated agent of a service provider" that includes substantially the following [[us-17-usc-512 512]]:

1. **Signature** of the owner or a person authorized to act for the owner: {signature}
2. **The copyrighted work**: {work}
3. **The infringing material and information to locate it**: {url} ({description})
4. **Contact**: {name}, {contact}
5. I have a good faith belief that use of the material in the manner complained of is not authorized by the copyright owner, its agent, or the law.
6. The information in this notification is accurate, and under penalty of perjury, I am authorized to act on behalf of the owner of an exclusive right that is allegedly infringed.""",
            "zh": """## 如果影像是你自己拍摄的：依据 17 U.S.C. § 512(c)(3) 的 DMCA 通知

致：{platform} 的指定代理人

如果你拥有该影像的著作权，侵权通知 "must be a written communication provided to the designated agent of a service provider"，并大致包含以下内容 [[us-17-usc-512 512]]：

1. **著作权人或其授权人的签名**：{signature}
2. **受著作权保护的作品**：{work}
3. **侵权材料及足以定位的信息**：{url}（{description}）
4. **联系方式**：{name}，{contact}
5. 本人善意地相信，以所投诉的方式使用该材料未经著作权人、其代理人或法律授权。
6. 本通知中的信息准确无误；本人在伪证罪处罚下声明，本人有权代表被指称受侵害的专有权利的所有人行事。""",
            "ko": """## 직접 촬영한 영상이라면: 17 U.S.C. § 512(c)(3)에 따른 DMCA 통지

수신: {platform}의 지정 대리인

영상의 저작권을 가지고 있다면, 침해 통지는 "must be a written communication provided to the designated agent of a service provider" 이어야 하며 다음 사항을 실질적으로 포함해야 합니다 [[us-17-usc-512 512]]:

1. 저작권자 또는 그 권한을 받은 사람의 **서명**: {signature}
2. **저작물**: {work}
3. **침해 자료와 그 위치를 찾을 수 있는 정보**: {url} ({description})
4. **연락처**: {name}, {contact}
5. 본인은 문제의 방식으로 자료를 사용하는 것이 저작권자, 그 대리인 또는 법률에 의해 허락되지 않았다고 선의로 믿습니다.
6. 이 통지의 정보는 정확하며, 위증 시 처벌을 감수하고 본인이 침해되었다고 주장되는 배타적 권리의 소유자를 대리할 권한이 있음을 진술합니다.""",
        },
    ],
    "CN": [
        {
            "zh": """## 侵权通知（要求采取删除、屏蔽、断开链接等必要措施）

致：{platform}
日期：{date}

依据《民法典》第一千一百九十五条，网络用户利用网络服务实施侵权行为的，"权利人有权通知网络服务提供者采取删除、屏蔽、断开链接等必要措施" [[cn-civil-code 1195]]。"通知应当包括构成侵权的初步证据及权利人的真实身份信息" [[cn-civil-code 1195]]。

一、**权利人的真实身份信息**：{name}；身份证件号码：{id_number}；联系方式：{contact}
二、**侵权信息及其位置**：{description}；网址：{url}；发布账号：{account}；时间：{date_published}
三、**构成侵权的初步证据**：{evidence}（截图及其 SHA-256 值见证据记录）。上述图片或视频未经本人同意被发布。"任何组织或者个人不得以刺探、侵扰、泄露、公开等方式侵害他人的隐私权" [[cn-civil-code 1032]]；"未经肖像权人同意，不得制作、使用、公开肖像权人的肖像" [[cn-civil-code 1019]]。
四、**请求**：请对上述信息及其副本立即采取删除、屏蔽、断开链接等必要措施。

网络服务提供者接到通知后，"应当及时将该通知转送相关网络用户，并根据构成侵权的初步证据和服务类型采取必要措施" [[cn-civil-code 1195]]；"未及时采取必要措施的，对损害的扩大部分与该网络用户承担连带责任" [[cn-civil-code 1195]]。本人知悉 "权利人因错误通知造成网络用户或者网络服务提供者损害的，应当承担侵权责任" [[cn-civil-code 1195]]。

签名：{signature}""",
            "en": """## Notice of infringement (request to delete, block or disconnect links)

To: {platform}
Date: {date}

Under Article 1195 of the Civil Code, where a network user infringes through a network service, "权利人有权通知网络服务提供者采取删除、屏蔽、断开链接等必要措施" ('the right holder may notify the provider to take necessary measures such as deletion, blocking or disconnecting links') [[cn-civil-code 1195]]. "通知应当包括构成侵权的初步证据及权利人的真实身份信息" ('the notice shall include prima facie evidence of the infringement and the right holder's true identity') [[cn-civil-code 1195]].

1. **True identity of the right holder**: {name}; identity document number: {id_number}; contact: {contact}
2. **The infringing information and where it is**: {description}; URL: {url}; account: {account}; time: {date_published}
3. **Prima facie evidence**: {evidence} (captures and their SHA-256 in the evidence log). The images were published without my consent. No one may infringe another's privacy by 'prying, intruding, leaking or publicizing' [[cn-civil-code 1032]]; no one may make, use or publicize a person's portrait without their consent [[cn-civil-code 1019]].
4. **Request**: take the necessary measures (deletion, blocking, disconnecting links) for this information and its copies now.

On receiving the notice the provider must forward it to the user and take necessary measures; if it fails to act in time it is jointly liable for the additional harm [[cn-civil-code 1195]]. A right holder whose mistaken notice causes harm is liable for it [[cn-civil-code 1195]].

Signature: {signature}""",
            "ko": """## 권리침해 통지 (삭제·차단·링크 단절 등 필요한 조치 요청)

수신: {platform}
날짜: {date}

중국 민법전 第一千一百九十五条에 따라 네트워크 이용자가 네트워크 서비스를 이용하여 권리를 침해한 경우 "权利人有权通知网络服务提供者采取删除、屏蔽、断开链接等必要措施" ('권리자는 삭제·차단·링크 단절 등 필요한 조치를 통지할 수 있다') [[cn-civil-code 1195]]. "通知应当包括构成侵权的初步证据及权利人的真实身份信息" ('통지에는 침해의 초보적 증거와 권리자의 실제 신원 정보가 포함되어야 한다') [[cn-civil-code 1195]].

1. **권리자의 실제 신원 정보**: {name}; 신분증 번호: {id_number}; 연락처: {contact}
2. **침해 정보와 위치**: {description}; URL: {url}; 게시 계정: {account}; 일시: {date_published}
3. **초보적 증거**: {evidence} (캡처와 SHA-256 값은 증거 기록 참조). 위 사진·영상은 본인의 동의 없이 게시되었습니다. 누구도 사생활을 '탐지·침해·누설·공개'하는 방법으로 침해할 수 없고 [[cn-civil-code 1032]], 동의 없이 초상을 제작·사용·공개할 수 없습니다 [[cn-civil-code 1019]].
4. **요청**: 위 정보와 그 복제물에 대해 즉시 삭제·차단·링크 단절 등 필요한 조치를 취해 주십시오.

통지를 받은 서비스 제공자는 이를 해당 이용자에게 전달하고 필요한 조치를 취해야 하며, 제때 조치하지 않으면 확대된 손해에 대해 연대책임을 집니다 [[cn-civil-code 1195]]. 잘못된 통지로 손해를 입힌 권리자는 책임을 집니다 [[cn-civil-code 1195]].

서명: {signature}""",
        },
    ],
    "KR": [
        {
            "ko": """## 정보 삭제 요청서 (정보통신망법 제44조의2)

수신: {platform}
날짜: {date}

정보통신망을 통해 공개된 정보로 사생활 침해 등 권리를 침해받은 사람은 정보통신서비스 제공자에게 "침해사실을 소명하여 그 정보의 삭제 또는 반박내용의 게재" 를 요청할 수 있고, 처리 경과와 결과를 통지받을 수단을 지정할 수 있습니다 [[kr-network-act 44-2]].

1. **신청인**: {name}
2. **처리 경과·결과를 통지받을 수단**: {contact}
3. **삭제를 요청하는 정보**: {description}; 위치: {url}; 게시 계정: {account}; 일시: {date_published}
4. **침해사실의 소명**: 위 정보는 본인의 의사에 반하여 촬영되거나 게시된 것으로 본인의 사생활을 침해합니다. {what} 증거: {evidence}
5. **요청 취지**: 해당 정보의 삭제

서비스 제공자는 요청을 받으면 "지체 없이 삭제ㆍ임시조치 등의 필요한 조치를 하고 즉시 신청인 및 정보게재자에게 알려야 한다" [[kr-network-act 44-2]]. 권리침해 여부를 판단하기 어려우면 임시조치를 할 수 있으며 "임시조치의 기간은 30일 이내로 한다" [[kr-network-act 44-2]].

서명: {signature}""",
            "zh": """## 信息删除请求（韩国《信息通信网法》第四十四条之二）

致：{platform}
日期：{date}

因通过信息通信网公开的信息而使隐私等权利受到侵害的人，可以 "침해사실을 소명하여 그 정보의 삭제 또는 반박내용의 게재" （‘说明侵害事实，请求删除该信息或刊登反驳内容’），并可以指定接收处理经过和结果通知的方式 [[kr-network-act 44-2]]。

1. **申请人**：{name}
2. **接收处理经过和结果通知的方式**：{contact}
3. **请求删除的信息**：{description}；位置：{url}；发布账号：{account}；时间：{date_published}
4. **侵害事实的说明**：上述信息系违背本人意愿拍摄或发布，侵害本人隐私。{what} 证据：{evidence}
5. **请求事项**：删除该信息

服务提供者收到请求后，应当毫不迟延地采取删除、临时措施等必要措施，并立即通知申请人和发布者 [[kr-network-act 44-2]]。难以判断是否侵权时可以采取临时措施，"임시조치의 기간은 30일 이내로 한다" （‘临时措施的期间为 30 日以内’）[[kr-network-act 44-2]]。

签名：{signature}""",
            "en": """## Request for deletion (Network Act, Article 44-2)

To: {platform}
Date: {date}

A person whose privacy or other rights are infringed by information made public through an information and communications network may ask the provider, "침해사실을 소명하여 그 정보의 삭제 또는 반박내용의 게재" ('explaining the infringement, to delete the information or post a rebuttal'), and may name how to be told of the progress and result [[kr-network-act 44-2]].

1. **Applicant**: {name}
2. **How to notify me of progress and result**: {contact}
3. **Information to delete**: {description}; location: {url}; account: {account}; time: {date_published}
4. **The infringement**: this information was filmed or posted against my will and infringes my privacy. {what} Evidence: {evidence}
5. **Request**: delete the information

On a request the provider must take the necessary measures, such as deletion or a temporary measure, without delay and tell the applicant and the poster at once [[kr-network-act 44-2]]. Where infringement is hard to judge it may block access temporarily, for no more than 30 days [[kr-network-act 44-2]].

Signature: {signature}""",
        },
        {
            "ko": """## 불법촬영물등 신고 (전기통신사업법 제22조의5)

수신: {platform}

조치의무사업자는 불법촬영물등이 유통되는 사정을 "신고, 삭제요청 또는 대통령령으로 정하는 기관ㆍ단체의 요청 등을 통하여 인식한 경우에는 지체 없이 해당 정보의 삭제ㆍ접속차단 등 유통방지에 필요한 조치를 취하여야 한다" [[kr-telecommunications-business-act 22-5]]. 불법촬영물등에는 성폭력처벌법 제14조에 따른 촬영물과 제14조의2에 따른 편집물ㆍ합성물이 포함됩니다 [[kr-telecommunications-business-act 22-5]][[kr-sexual-crimes-act 14]][[kr-sexual-crimes-act 14-2]].

- **신고 대상**: {url} ({description}; 게시 계정 {account})
- **신고 내용**: 위 정보는 본인의 의사에 반하여 촬영·반포되었거나 합성된 불법촬영물등입니다. 삭제·접속차단 등 유통방지에 필요한 조치를 요청합니다.
- **신고인 연락처**: {name}, {contact}

필요한 조치를 취하지 아니한 사업자는 "3년 이하의 징역 또는 1억원 이하의 벌금" 에 처해질 수 있습니다 [[kr-telecommunications-business-act 95-2]]. 국가와 지방자치단체에 불법촬영물등 삭제 지원을 요청할 수도 있습니다 [[kr-sexual-violence-prevention-act 7-3]].""",
            "zh": """## 非法拍摄物举报（韩国《电信事业法》第二十二条之五）

致：{platform}

负有措施义务的经营者通过 "신고, 삭제요청" （‘举报、删除请求’）等得知非法拍摄物在流通时，应当毫不迟延地采取删除、阻断访问等防止流通的必要措施 [[kr-telecommunications-business-act 22-5]]。非法拍摄物包括《性暴力犯罪处罚特例法》第十四条规定的拍摄物和第十四条之二规定的编辑物、合成物 [[kr-telecommunications-business-act 22-5]][[kr-sexual-crimes-act 14]][[kr-sexual-crimes-act 14-2]]。

- **举报对象**：{url}（{description}；发布账号 {account}）
- **举报内容**：上述信息是违背本人意愿拍摄、散布或合成的非法拍摄物，请求采取删除、阻断访问等防止流通的必要措施。
- **举报人联系方式**：{name}，{contact}

未采取必要措施的经营者，可处 "3년 이하의 징역 또는 1억원 이하의 벌금" （‘三年以下徒刑或一亿韩元以下罚金’）[[kr-telecommunications-business-act 95-2]]。也可以请求国家和地方政府协助删除非法拍摄物 [[kr-sexual-violence-prevention-act 7-3]]。""",
            "en": """## Report of illegal footage (Telecommunications Business Act, Article 22-5)

To: {platform}

A provider under the duty, once it learns that illegal footage is circulating "신고, 삭제요청" ('through a report or a deletion request') or a request from a designated body, must take the measures needed to stop it circulating, such as deletion or blocking access, without delay [[kr-telecommunications-business-act 22-5]]. Illegal footage includes recordings under Article 14 and edited or synthesized material under Article 14-2 of the Sexual Crimes Act [[kr-telecommunications-business-act 22-5]][[kr-sexual-crimes-act 14]][[kr-sexual-crimes-act 14-2]].

- **What is reported**: {url} ({description}; account {account})
- **Report**: this is illegal footage filmed, distributed or synthesized against my will. I ask for the measures needed to stop its circulation, such as deletion and blocking access.
- **Reporter's contact**: {name}, {contact}

A provider that fails to take the measures faces up to three years' imprisonment or a fine of up to 100 million won [[kr-telecommunications-business-act 95-2]]. You can also ask the state and local governments for help deleting illegal footage [[kr-sexual-violence-prevention-act 7-3]].""",
        },
    ],
}

# ---------------------------------------------------------------- police report

POLICE_REPORT: dict[str, list[Block]] = {
    "CN": [
        {
            "zh": """## 报案/控告材料

致：{police}
控告人：{name}；身份证件号码：{id_number}；联系方式：{contact}
被控告人：{suspect}（网络账号：{account}）

**一、事实经过**
时间：{when}；地点或网址：{where} {url}
经过：{what}

**二、证据**
{evidence}（截图及其 SHA-256 值见证据记录）

**三、涉嫌的违法犯罪（请依法审查）**""",
            "en": """## Crime report / complaint (报案/控告材料)

To: {police}
Complainant: {name}; identity document number: {id_number}; contact: {contact}
Accused: {suspect} (online account: {account})

**1. Facts**
When: {when}; place or URL: {where} {url}
What happened: {what}

**2. Evidence**
{evidence} (captures and their SHA-256 in the evidence log)

**3. Offences to examine**""",
            "ko": """## 신고·고소 자료 (报案/控告材料)

수신: {police}
고소인: {name}; 신분증 번호: {id_number}; 연락처: {contact}
피고소인: {suspect} (온라인 계정: {account})

**1. 사실관계**
일시: {when}; 장소 또는 URL: {where} {url}
경위: {what}

**2. 증거**
{evidence} (캡처와 SHA-256 값은 증거 기록 참조)

**3. 검토를 요청하는 범죄**""",
        },
        {"zh": "@offences", "en": "@offences", "ko": "@offences"},
        {
            "zh": """**四、请求**

1. 被害人对侵犯其人身、财产权利的犯罪事实或者犯罪嫌疑人，"有权向公安机关、人民检察院或者人民法院报案或者控告" [[cn-criminal-procedure-law 110]]；公安机关 "对于报案、控告、举报，都应当接受" [[cn-criminal-procedure-law 110]]。请依法接受本控告。
2. 控告可以书面提出 [[cn-criminal-procedure-law 111]]。控告人不愿公开自己的姓名和控告行为的，依照第一百一十一条 "应当为他保守秘密" [[cn-criminal-procedure-law 111]]；本人请求为本人保守秘密。
3. 如决定不予立案，请将不立案的原因通知控告人；"控告人如果不服，可以申请复议" [[cn-criminal-procedure-law 112]]。
4. 被害人认为公安机关对应当立案侦查的案件而不立案侦查的，可以向人民检察院提出，人民检察院应当要求公安机关说明不立案的理由 [[cn-criminal-procedure-law 113]]。
5. 告诉才处理的案件和 "被害人有证据证明的轻微刑事案件" 属于自诉案件，被害人也可以直接向人民法院起诉 [[cn-criminal-procedure-law 210]]。通过信息网络实施侮辱、诽谤，"被害人向人民法院告诉，但提供证据确有困难的，人民法院可以要求公安机关提供协助" [[cn-criminal-law 246]]。

控告人（签名）：{signature}
日期：{date}""",
            "en": """**4. Requests**

1. A victim may report or complain of the crime to the public security organ, the procuratorate or the court, and these "对于报案、控告、举报，都应当接受" ('shall accept every report, complaint and tip-off') [[cn-criminal-procedure-law 110]]. Please accept this complaint.
2. A complaint may be made in writing [[cn-criminal-procedure-law 111]]. Where a complainant does not wish their name or complaint made public, Article 111 requires them to be kept confidential [[cn-criminal-procedure-law 111]]; I ask for that.
3. If you decide not to open a case, please notify me of the reasons; a complainant who disagrees may apply for reconsideration [[cn-criminal-procedure-law 112]].
4. A victim who thinks the police should have opened a case may go to the procuratorate, which must ask the police to explain [[cn-criminal-procedure-law 113]].
5. Cases handled only on complaint and minor cases the victim has evidence of are private prosecutions the victim may bring directly in court [[cn-criminal-procedure-law 210]]. For insult or defamation online, where the victim has real difficulty providing evidence, the court may ask the public security organ to assist [[cn-criminal-law 246]].

Complainant (signature): {signature}
Date: {date}""",
            "ko": """**4. 요청 사항**

1. 피해자는 범죄사실 또는 피의자를 공안기관·인민검찰원·인민법원에 신고하거나 고소할 수 있으며, 이들 기관은 "对于报案、控告、举报，都应当接受" ('신고·고소·제보를 모두 접수하여야 한다') [[cn-criminal-procedure-law 110]]. 이 고소를 접수해 주십시오.
2. 고소는 서면으로 할 수 있습니다 [[cn-criminal-procedure-law 111]]. 고소인이 성명과 고소 사실의 공개를 원하지 않으면 第一百一十一条에 따라 비밀을 지켜야 합니다 [[cn-criminal-procedure-law 111]]. 본인은 비밀 유지를 요청합니다.
3. 입건하지 않기로 하면 그 이유를 고소인에게 통지해 주십시오. 고소인은 불복하면 재심의를 신청할 수 있습니다 [[cn-criminal-procedure-law 112]].
4. 공안기관이 입건해야 할 사건을 입건하지 않는다고 보는 피해자는 인민검찰원에 제기할 수 있고, 검찰원은 공안기관에 그 이유를 설명하도록 요구합니다 [[cn-criminal-procedure-law 113]].
5. 친고죄 사건과 피해자가 증거로 증명할 수 있는 경미한 형사사건은 자소(自诉) 사건으로 피해자가 직접 법원에 제기할 수 있습니다 [[cn-criminal-procedure-law 210]]. 온라인 모욕·명예훼손에서 피해자가 증거 제출에 실제 어려움이 있으면 법원은 공안기관에 협조를 요구할 수 있습니다 [[cn-criminal-law 246]].

고소인(서명): {signature}
날짜: {date}""",
        },
    ],
    "KR": [
        {
            "ko": """## 고소장

수신: {police}
고소인: {name} (연락처: {contact})
피고소인: {suspect} (계정: {account})

**1. 고소 취지**
피고소인을 아래 죄로 고소하오니 수사하여 처벌하여 주시기 바랍니다.""",
            "zh": """## 告诉状（韩国）

致：{police}
告诉人：{name}（联系方式：{contact}）
被告诉人：{suspect}（账号：{account}）

**一、告诉宗旨**
请就下列犯罪对被告诉人进行侦查并依法处罚。""",
            "en": """## Criminal complaint (고소장)

To: {police}
Complainant: {name} (contact: {contact})
Accused: {suspect} (account: {account})

**1. Complaint**
I accuse the person named above of the offences below and ask for investigation and punishment.""",
        },
        {"zh": "@offences", "en": "@offences", "ko": "@offences"},
        {
            "ko": """**2. 고소 이유**
일시: {when}; 장소 또는 URL: {where} {url}
경위: {what}

**3. 증거**
{evidence} (캡처와 SHA-256 값은 증거 기록 참조)

**4. 요청 사항**
1. 성폭력범죄의 피해자는 "형사절차상 입을 수 있는 피해를 방어하고 법률적 조력을 보장하기 위하여 변호사를 선임할 수 있다" [[kr-sexual-crimes-act 27]]. 변호사는 조사에 참여하여 의견을 진술할 수 있으나, 조사 도중에는 검사 또는 사법경찰관의 승인을 받아 진술할 수 있습니다 [[kr-sexual-crimes-act 27]].
2. "검사는 피해자에게 변호사가 없는 경우 국선변호사를 선정하여 형사절차에서 피해자의 권익을 보호할 수 있다" [[kr-sexual-crimes-act 27]]. "19세미만피해자등에게 변호사가 없는 경우에는 국선변호사를 선정하여야 한다" [[kr-sexual-crimes-act 27]]. 본인에게 변호사가 없으면 국선변호사 선정을 요청합니다.
3. 수사에 관여하는 공무원은 피해자의 인적사항과 사진 등 또는 사생활에 관한 비밀을 공개하거나 누설하여서는 아니 됩니다 [[kr-sexual-crimes-act 24]].

고소인: {signature}
날짜: {date}""",
            "zh": """**二、告诉理由**
时间：{when}；地点或网址：{where} {url}
经过：{what}

**三、证据**
{evidence}（截图及其 SHA-256 值见证据记录）

**四、请求**
1. 性暴力犯罪的被害人为防御刑事程序中可能受到的伤害、保障获得法律帮助，"변호사를 선임할 수 있다" （‘可以委任律师’）[[kr-sexual-crimes-act 27]]。律师可以参与调查并陈述意见，但在调查过程中须经检察官或者司法警察官批准才能陈述 [[kr-sexual-crimes-act 27]]。
2. 被害人没有律师时，检察官可以为其选定国选律师；未满19岁等被害人没有律师的，检察官应当为其选定 [[kr-sexual-crimes-act 27]]。本人没有律师时，请求选定国选律师。
3. 参与侦查的公务员不得公开或泄露被害人的身份信息、照片或隐私 [[kr-sexual-crimes-act 24]]。

告诉人：{signature}
日期：{date}""",
            "en": """**2. Facts**
When: {when}; place or URL: {where} {url}
What happened: {what}

**3. Evidence**
{evidence} (captures and their SHA-256 in the evidence log)

**4. Requests**
1. A victim of a sexual crime may appoint a lawyer to guard against harm in the criminal process and to secure legal help [[kr-sexual-crimes-act 27]]; the lawyer may take part in interviews and state opinions, though during an interview only with the approval of the prosecutor or police officer [[kr-sexual-crimes-act 27]].
2. Where the victim has no lawyer, the prosecutor may appoint a state lawyer (국선변호사) to protect the victim's rights, and must do so for a victim under 19 or one whose disability impairs their judgement [[kr-sexual-crimes-act 27]]. If I have no lawyer, I ask for a state lawyer.
3. Officials involved in the investigation must not disclose the victim's identifying details, photographs or private life [[kr-sexual-crimes-act 24]].

Complainant: {signature}
Date: {date}""",
        },
    ],
    "US": [
        {
            "en": """## Police report — intimate images shared or faked without consent

To: {police} (local police)
Reporting person: {name} (contact: {contact})
Suspect: {suspect} (account: {account})

**1. Facts**
When: {when}; place or URL: {where} {url}
What happened: {what}

**2. Evidence**
{evidence} (captures and their SHA-256 in the evidence log). Giving these images to the police is not an offence under 47 U.S.C. § 223(h): it excepts "a disclosure made reasonably and in good faith" "to a law enforcement officer or agency" [[us-47-usc-223 223]].

**3. Federal offences to name**""",
            "zh": """## 报警材料——未经同意被分享或伪造的私密影像

致：{police}（当地警察）
报案人：{name}（联系方式：{contact}）
嫌疑人：{suspect}（账号：{account}）

**一、事实**
时间：{when}；地点或网址：{where} {url}
经过：{what}

**二、证据**
{evidence}（截图及其 SHA-256 值见证据记录）。依 47 U.S.C. § 223(h)，把这些影像交给警察不构成该条的犯罪：该条对 "a disclosure made reasonably and in good faith" "to a law enforcement officer or agency" 作了例外规定 [[us-47-usc-223 223]]。

**三、可以提出的联邦罪名**""",
            "ko": """## 경찰 신고서 — 동의 없이 공유되거나 합성된 친밀한 영상

수신: {police} (관할 경찰)
신고인: {name} (연락처: {contact})
피의자: {suspect} (계정: {account})

**1. 사실관계**
일시: {when}; 장소 또는 URL: {where} {url}
경위: {what}

**2. 증거**
{evidence} (캡처와 SHA-256 값은 증거 기록 참조). 47 U.S.C. § 223(h)에 따르면 이 영상을 경찰에 제출하는 것은 이 조의 범죄가 아닙니다: "a disclosure made reasonably and in good faith" "to a law enforcement officer or agency" 는 예외입니다 [[us-47-usc-223 223]].

**3. 연방 범죄**""",
        },
        {"zh": "@offences", "en": "@offences", "ko": "@offences"},
        {
            "en": """**4. The federal civil route**
Besides a report, an individual whose intimate visual depiction is disclosed without consent "may bring a civil action against that person in an appropriate district court of the United States" [[us-15-usc-6851 6851]], for actual damages or "liquidated damages in the amount of $150,000" and an order to stop the display or disclosure [[us-15-usc-6851 6851]]. The corpus names no federal office to which these offences are reported, and holds state criminal law only in part: ask the police which state offence applies too.

Signature: {signature}
Date: {date}""",
            "zh": """**四、联邦民事途径**
除报警外，私密影像未经同意被披露的个人 "may bring a civil action against that person in an appropriate district court of the United States" [[us-15-usc-6851 6851]]，可以请求实际损失或 "liquidated damages in the amount of $150,000"，并请求法院命令停止展示或披露 [[us-15-usc-6851 6851]]。语料库没有写明这些联邦犯罪应向哪个联邦机关报告，也只收录了部分州刑法：请同时询问警察适用哪条州法罪名。

签名：{signature}
日期：{date}""",
            "ko": """**4. 연방 민사 절차**
신고와 별도로, 친밀한 영상이 동의 없이 공개된 개인은 "may bring a civil action against that person in an appropriate district court of the United States" [[us-15-usc-6851 6851]], 실손해 또는 "liquidated damages in the amount of $150,000" 와 공개 중지 명령을 청구할 수 있습니다 [[us-15-usc-6851 6851]]. 코퍼스에는 이 연방 범죄를 신고할 연방 기관이 나와 있지 않고 주 형법도 일부만 있습니다: 어느 주 범죄가 적용되는지도 경찰에 물어보십시오.

서명: {signature}
날짜: {date}""",
        },
    ],
}

# ---------------------------------------------------------------- evidence log

EVIDENCE_HEADER: Block = {
    "zh": "| 时间 | 网址 | 平台 | 账号 | 内容 | 截图文件 | SHA-256 |",
    "ko": "| 일시 | URL | 플랫폼 | 계정 | 내용 | 캡처 파일 | SHA-256 |",
    "en": "| When | URL | Platform | Account | What | Capture file | SHA-256 |",
}

EVIDENCE_INTRO: Block = {
    "zh": """## 证据记录

每发现一次就记一行：截图或录屏后立即记录。SHA-256 值在你自己的设备上计算，能证明文件之后没有被改动；本工具不保存任何文件。""",
    "ko": """## 증거 기록

발견할 때마다 한 줄씩 적으십시오: 캡처나 화면 녹화 직후에 기록합니다. SHA-256 값은 본인 기기에서 계산되며 이후 파일이 바뀌지 않았음을 보여 줍니다. 이 도구는 파일을 저장하지 않습니다.""",
    "en": """## Evidence log

One row each time you find it: write it down right after you capture the page or record the screen. The SHA-256 is computed on your own machine and shows the file has not changed since; this tool keeps no file.""",
}

EVIDENCE_NOTES: dict[str, Block] = {
    "CN": {
        "zh": """### 什么证据有用，谁可以帮助收集

- 向平台发出的通知 "应当包括构成侵权的初步证据及权利人的真实身份信息" [[cn-civil-code 1195]]：保存网址、账号和截图。
- 通过信息网络实施侮辱、诽谤，"被害人向人民法院告诉，但提供证据确有困难的，人民法院可以要求公安机关提供协助" [[cn-criminal-law 246]]。
- 自诉案件包括 "被害人有证据证明的轻微刑事案件" [[cn-criminal-procedure-law 210]]：自己保存的证据决定能否直接起诉。
- "违反治安管理行为在六个月以内没有被公安机关发现的，不再处罚" [[cn-psapl 25]]：尽早报案。""",
        "en": """### What counts, and who helps collect it

- A notice to the platform must include prima facie evidence and your true identity [[cn-civil-code 1195]]: keep the URL, the account and the capture.
- For insult or defamation online, where the victim has real difficulty providing evidence, the court may ask the public security organ to assist [[cn-criminal-law 246]].
- Private prosecution covers minor cases "被害人有证据证明" ('that the victim has evidence to prove') [[cn-criminal-procedure-law 210]]: the evidence you keep decides whether you can go to court yourself.
- A public-order violation not discovered by the police within six months is no longer punished [[cn-psapl 25]]: report early.""",
        "ko": """### 어떤 증거가 필요하고 누가 수집을 돕는가

- 플랫폼에 보내는 통지에는 침해의 초보적 증거와 실제 신원 정보가 포함되어야 합니다 [[cn-civil-code 1195]]: URL, 계정, 캡처를 보관하십시오.
- 온라인 모욕·명예훼손에서 피해자가 증거 제출에 실제 어려움이 있으면 법원은 공안기관에 협조를 요구할 수 있습니다 [[cn-criminal-law 246]].
- 자소 사건에는 "被害人有证据证明的轻微刑事案件" ('피해자가 증거로 증명할 수 있는 경미한 형사사건')이 포함됩니다 [[cn-criminal-procedure-law 210]].
- 치안관리 위반행위가 6개월 안에 공안기관에 발견되지 않으면 처벌하지 않습니다 [[cn-psapl 25]]: 일찍 신고하십시오.""",
    },
    "KR": {
        "ko": """### 어떤 증거가 필요하고 누가 수집을 돕는가

- 정보 삭제를 요청할 때는 "침해사실을 소명하여" 야 합니다 [[kr-network-act 44-2]]: URL, 계정, 캡처를 보관하십시오.
- 국가와 지방자치단체는 불법촬영물등의 삭제를 지원하고 [[kr-sexual-violence-prevention-act 7-3]], 요청 없이 삭제를 지원할 때에는 "범죄의 증거 인멸 등을 방지하기 위하여" 관련 자료를 보관하여야 합니다 [[kr-sexual-violence-prevention-act 7-3]].
- 피해자의 변호사는 "증거보전 후 관계 서류나 증거물" 을 열람하거나 등사할 수 있습니다 [[kr-sexual-crimes-act 27]].""",
        "zh": """### 什么证据有用，谁可以帮助收集

- 请求删除信息时须 "침해사실을 소명하여" （‘说明侵害事实’）[[kr-network-act 44-2]]：保存网址、账号和截图。
- 国家和地方政府协助删除非法拍摄物 [[kr-sexual-violence-prevention-act 7-3]]；未经请求而协助删除时，为防止毁灭犯罪证据，应当保存相关资料 [[kr-sexual-violence-prevention-act 7-3]]。
- 被害人的律师可以在证据保全后查阅、复制相关文件和证据 [[kr-sexual-crimes-act 27]]。""",
        "en": """### What counts, and who helps collect it

- A deletion request must explain the infringement ("침해사실을 소명하여") [[kr-network-act 44-2]]: keep the URL, the account and the capture.
- The state and local governments help delete illegal footage [[kr-sexual-violence-prevention-act 7-3]], and when they do so without a request they must keep the related material to prevent the destruction of evidence [[kr-sexual-violence-prevention-act 7-3]].
- The victim's lawyer may inspect and copy the records and evidence after evidence preservation [[kr-sexual-crimes-act 27]].""",
    },
    "US": {
        "en": """### What counts, and who helps collect it

- A removal request must include "an identification of, and information reasonably sufficient for the covered platform to locate, the intimate visual depiction" [[us-47-usc-223a 223a]]: keep the URL and the account.
- Giving the images to the police is excepted from § 223(h): "a disclosure made reasonably and in good faith" "to a law enforcement officer or agency" [[us-47-usc-223 223]].
- In a civil action, "the fact that the individual consented to the creation of the depiction shall not establish that the person consented to its distribution" [[us-15-usc-6851 6851]]: note who took the image and who shared it.
- The federal law in the corpus names no public body that helps a victim collect this evidence.""",
        "zh": """### 什么证据有用，谁可以帮助收集

- 删除请求必须包括 "an identification of, and information reasonably sufficient for the covered platform to locate, the intimate visual depiction" [[us-47-usc-223a 223a]]：保存网址和账号。
- 把影像交给警察属于 § 223(h) 的例外："a disclosure made reasonably and in good faith" "to a law enforcement officer or agency" [[us-47-usc-223 223]]。
- 在民事诉讼中，同意拍摄不等于同意传播 [[us-15-usc-6851 6851]]：记下是谁拍摄、是谁分享。
- 语料库中的联邦法律没有规定帮助被害人收集这些证据的公共机构。""",
        "ko": """### 어떤 증거가 필요하고 누가 수집을 돕는가

- 삭제 요청에는 "an identification of, and information reasonably sufficient for the covered platform to locate, the intimate visual depiction" 이 포함되어야 합니다 [[us-47-usc-223a 223a]]: URL과 계정을 보관하십시오.
- 영상을 경찰에 제출하는 것은 § 223(h)의 예외입니다: "a disclosure made reasonably and in good faith" "to a law enforcement officer or agency" [[us-47-usc-223 223]].
- 민사소송에서 촬영에 동의했다는 사실은 유포에 동의했다는 것이 되지 않습니다 [[us-15-usc-6851 6851]]: 누가 촬영했고 누가 공유했는지 적어 두십시오.
- 코퍼스의 연방법에는 피해자의 증거 수집을 돕는 공공기관이 정해져 있지 않습니다.""",
    },
}

# The conduct a police report names offences for, unless the user picks one.
REPORT_CONDUCTS = ("covert-filming", "distribution", "deepfake", "threats")
