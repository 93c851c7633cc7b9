"""Prompt-injection handling for CRM text: CRM notes are data, never instructions.

`scan(text)` flags notes that carry instructions to a model (English and Arabic), hidden text
(invisible characters, HTML comments, markup hiding text, chat-template tokens) and markdown
images or links that would exfiltrate data when rendered. `neutralise(text)` returns a copy that
keeps the note's business content readable while defusing those parts. `strip_foreign_links`
removes, from a model's answer, every link or image whose address did not come from the CRM.

Detection is layered so that it generalises beyond any one attack string: text is first folded
(NFKC, invisible characters and diacritics removed, look-alike letters mapped to Latin, spaced
letters joined), then matched by phrase patterns, then by a co-occurrence heuristic: a sentence
that addresses a model ("assistant", "AI", "المساعد") *and* uses a command verb is an instruction.
The prompt itself also fences CRM text inside <crm_data>; this module is the second layer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

# Look-alike letters (Cyrillic, Greek) an attacker uses to dodge word patterns.
_CONFUSABLES = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i", "ј": "j", "ѕ": "s",
    "А": "A", "Е": "E", "О": "O", "Р": "P", "С": "C", "Х": "X", "Т": "T", "Н": "H", "К": "K", "М": "M",
    "ο": "o", "α": "a", "ε": "e", "ι": "i", "ν": "v", "τ": "t", "ρ": "p", "Ι": "I", "Ο": "O",
    "0": "0", "@": "@",
})
_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_AR_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # tashkeel and tatweel
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u180e\U000e0000-\U000e007f]")
_SPACED = re.compile(r"\b(?:[A-Za-z][ .\-_*]){3,}[A-Za-z]\b")  # "i g n o r e", "i.g.n.o.r.e"

_EN = [
    # override the rules
    r"\b(ignore|disregard|forget|override|bypass|skip|drop|abandon|neglect|discard)\b[^.\n]{0,50}\b(previous|prior|above|earlier|preceding|all|any|your|the|these|those|system|original|other)\b[^.\n]{0,40}\b(instructions?|rules|prompts?|guidelines|directions|directives|context|messages?|constraints|policies|polic(y|ies)|guardrails|restrictions|programming|orders)\b",
    r"\b(new|updated|real|actual|revised|override|priority|important)\s+(instructions?|rules|task|orders|directive|system prompt)\s*[:：-]",
    r"\b(instead|rather),?\s+(you (must|should|will)|do the following|follow these)\b",
    # role play and jailbreaks
    r"\b(you are|you're|u r|you will act|act|acting|pretend|pretending|behave|roleplay|role-play|role play|simulate|impersonate)\b[^.\n]{0,40}\b(as|to be|like|now)\b[^.\n]{0,40}\b(assistant|ai|model|chatbot|bot|gpt|llm|dan|system|admin|administrator|developer|root|hacker|unrestricted|unfiltered|jailbroken|evil)\b",
    r"\b(from now on|henceforth|for the rest of (this|the) conversation)\b[^.\n]{0,60}\b(you|your|reply|respond|answer|act)\b",
    r"\b(developer|god|debug|admin|maintenance|jailbreak|dan)\s+mode\b",
    r"\b(system|developer|admin)\s*(prompt|message|instructions?|override|command)\b",
    # prompt and data leaks
    r"\b(reveal|print|show|repeat|output|dump|list|leak|expose|return|display|echo|recite|copy|paste|write out|spell out|tell me|give me|share|disclose)\b[^.\n]{0,60}\b(system prompt|your prompt|the prompt|instructions|your rules|context|everything above|text above|all (the )?(text|data|records|notes)|hidden|placeholders?|vault|api[ _-]?keys?|passwords?|secrets?|tokens?|credentials|(all|every|other) (customers?|clients?|contacts?|leads?|phone numbers|emails|records)|(phone numbers|emails|addresses|national ids?) of)\b",
    r"\bwhat (are|were) your (instructions|rules|system prompt)\b",
    r"\b(repeat|print|output)\b[^.\n]{0,20}\b(verbatim|word for word|everything)\b",
    # exfiltration
    r"\b(send|forward|email|e-mail|post|upload|exfiltrate|transmit|submit|leak|copy|bcc|cc)\b[^.\n]{0,80}\b(to|at|into|via)\b[^.\n]{0,60}(https?://|www\.|\b[a-z0-9.-]+\.(com|net|org|io|ru|xyz|me|co|info|biz|site|top)\b|@[a-z0-9-]+\.[a-z]{2,})",
    r"\b(append|add|include|embed|insert|encode|put)\b[^.\n]{0,60}\b(url|link|image|query string|parameter|markdown|base64)\b",
    r"\b(visit|open|fetch|load|click|call|browse to|navigate to|go to)\b[^.\n]{0,20}(https?://|www\.)",
    # secrecy and output manipulation
    r"\b(do not|don't|never|dont)\b[^.\n]{0,30}\b(tell|mention|reveal|inform|disclose|say|let)\b[^.\n]{0,30}\b(user|rep|anyone|manager|human|them|anybody|sales)\b",
    r"\b(respond|reply|answer|output)\s+(only|solely|exclusively)\s+(with|in|using)\b",
    r"\b(when|while|if)\s+(you\s+)?(summari[sz]e|summari[sz]ing|draft|drafting|writ(e|ing)|answer(ing)?|process(ing)?|read(ing)?)\b[^.\n]{0,60}\b(this|these|the)\b[^.\n]{0,30}\b(note|lead|record|message|summary|text|data)\b",
    r"\b(in|into) (your|the) (summary|answer|reply|response|draft|output)\b[^.\n]{0,40}\b(say|state|write|claim|mention|include|add|put|report)\b",
    r"\b(say|state|write|claim|report|tell the (rep|user|manager))\s+(that\s+)?(this|the)\s+(lead|deal|customer|client)\s+(is|was|has)\b",
    r"\b(mark|set|change|update)\b[^.\n]{0,30}\b(lead|deal|stage|status)\b[^.\n]{0,20}\b(as|to)\s+(won|closed|lost|qualified)\b",
    r"\b(if you are|as an?|attention|note (to|for)|message (to|for)|notice (to|for)|instructions? (to|for)|dear|hey|hello|hi|yo)\s+(an?\s+|the\s+|all\s+|any\s+)?(ai|a\.i\.|assistant|language models?|llms?|chatbots?|gpt|models?|bots?)\b",
    r"\b(you'?re|you are|you will be)\s+(now\s+)?(an?\s+)?(ai|assistant|model|bot|chatbot|llm)\b[^.\n]{0,40}\b(no|without|free|unrestricted|unfiltered|called|named)\b",
    r"\b(jailbr(eak|oken)|unrestricted (ai|mode|assistant)|no (rules|restrictions|filters|limits)|without (any )?(rules|restrictions|filters))\b",
    r"\b(simulate|emulate|imagine (you are|you're|being)|let'?s play a game)\b[^.\n]{0,60}\b(ai|assistant|chatbot|bot|model|administrator|admin|system)\b",
    r"\b(system|admin|security|urgent)\s+(notice|alert|note|message|update)\b[^.\n]{0,30}\b(to|for)\b[^.\n]{0,20}\b(ai|assistants?|models?|bots?|llms?|language models?)\b",
    r"\b(report|tell|inform|notify)\s+(to\s+)?the\s+(manager|rep|user|sales rep|team)\s+that\b",
    # text that addresses whoever (or whatever) processes the record, or the answer being produced
    r"\b(whoever|anyone|anybody|any (tool|system|program|agent))\b[^.\n]{0,20}\b(read|reads|reading|generat\w*|writ\w*|process\w*|summari[sz]\w*|draft\w*)\b",
    r"\b(automated|automatic|ai)\s+(systems?|tools?|agents?|processes|readers?)\b[^.\n]{0,40}\b(should|must|shall|will|need to|are to)\b",
    r"\b(the )?(text|note|record|data|message) you are (reading|processing|summari[sz]ing|given)\b",
    r"\b(respond|reply|answer|put|write|say|output|print|set|make|end|conclude|start|begin|finish|sign off)\b[^.\n]{0,60}\b(your|the)\s+(reply|answer|response|output|summary|recap|draft|next step|sentiment|blockers)\b",
    r"\b(your|the)\s+(reply|answer|response|output|summary|recap)\s+(must|should|shall|will|has to)\b",
    r"\b(switch|change|adopt|take on|drop)\s+(your\s+)?(persona|personas|personality|character|role|identity)\b|\bin character\b",
    r"\b(higher|highest|top)[- ]priority\s+(command|instruction|directive|order|task|rule)\b",
    r"\b(verbatim|word for word|raw prompt|your context|the prompt you|prompt you (received|got|were given)|context window)\b",
    r"\b(no matter what|regardless of what)\b[^.\n]{0,40}\b(notes?|data|records?|says?|said)\b",
    r"(https?://|www\.)\S*[?&][\w-]*=(\s|$|[.,;)])",
    r"\b(put|add|append|insert|include|embed|place|attach)\b[^.\n]{0,40}\b(phone|mobile|email|e-mail|number|address|name|id)\b[^.\n]{0,40}(https?://|www\.|\blink\b|\burl\b)",
    # markup aimed at the model
    r"</?\s*(system|assistant|user|instructions?|crm_data|prompt|im_start|im_end)\s*>",
    r"<\|[a-z_]+\|>",
    r"\[\s*(system|inst|/inst|sys)\s*\]|<<\s*/?sys\s*>>",
    r"(^|\n)\s*#{1,4}\s*(system|instructions?|assistant|new task)\b",
]

# Arabic patterns are written in folded form (alef forms → ا, ى → ي, ة → ه, no diacritics).
_AR = [
    r"(تجاهل|انس|انسي|تخط|تخطي|تجاوز|اهمل|الغ|الغي|لا تلتزم|لا تتبع|اترك)[^.\n]{0,50}(التعليمات|الاوامر|القواعد|الارشادات|التوجيهات|ما سبق|السابق|السابقه|النظام|القيود|السياسات)",
    r"(انت الان|انت من الان|من الان فصاعدا|من الان و?صاعدا|اعتبارا من الان|تصرف ك|تصرف مثل|تظاهر بانك|تقمص دور|العب دور|كن الان|تحول الي)",
    r"(اكشف|اظهر|اطبع|كرر|اعرض|انسخ|اعد كتابه|اذكر|اعطني|اعطيني|شارك|سرب|افصح عن)[^.\n]{0,50}(التعليمات|موجه النظام|الموجه|السياق|النص (اعلاه|السابق)|ما سبق|كل ما سبق|الارقام|ارقام الهواتف|ارقام هواتف|جميع العملاء|كل العملاء|العملاء الاخرين|البيانات|بيانات|كلمه المرور|كلمات المرور|المفتاح|المفاتيح|الرموز|العناصر النائبه)",
    r"(ارسل|ارسلي|حول|انقل|سرب|ابعث)[^.\n]{0,80}(الي|علي|عبر)[^.\n]{0,60}(https?://|www\.|@[a-z0-9-]+\.[a-z]{2,}|\b[a-z0-9.-]+\.(com|net|org|io|ru|xyz)\b)",
    r"(لا تخبر|لا تذكر|لا تقل|لا تعلم|لا تبلغ|لا تفصح)[^.\n]{0,30}(المستخدم|المندوب|احدا|احد|المدير|العميل)",
    r"(تعليمات جديده|اوامر جديده|مهمه جديده|التعليمات الحقيقيه)\s*[:：]?",
    r"(^|\s)يا\s?(مساعد|نموذج|بوت|روبوت|ذكاء)",
    r"(اشعار|تنبيه|رساله|ملاحظه|تعليمات)\s+(للنظام|للمساعد|للنموذج|للذكاء الاصطناعي|الي النظام|الي المساعد|الي النموذج)",
    r"(اترك|انس|تجاهل|اهمل)[^.\n]{0,20}(ما قيل لك|ما طلب منك|كل ما سبق)",
    r"(ايها المساعد|ايها النموذج|الي المساعد|للمساعد|الي الذكاء الاصطناعي|للذكاء الاصطناعي|ايها الذكاء الاصطناعي|عزيزي المساعد|اذا كنت (مساعدا|نموذجا|ذكاء اصطناعيا))",
    r"(عند|اثناء) (تلخيص|كتابه|صياغه|قراءه|معالجه)[^.\n]{0,40}(هذه|هذا)[^.\n]{0,20}(الملاحظه|العميل|الرساله|النص|السجل)",
    r"(اكتب|قل|اذكر|ضع)[^.\n]{0,20}في (الملخص|الرد|الاجابه|المسوده)",
    r"(اضف|ادرج|ضمن)[^.\n]{0,40}(رابط|صوره|الرابط|الصوره|عنوان url)",
    r"(وضع المطور|وضع المسؤول|بدون قيود|دون قيود|بلا ضوابط|بدون ضوابط|دون ضوابط)",
    r"(تعليماتك|اوامرك|قواعدك|سياقك|موجهك|شخصيتك)",
    r"(لمن|من|اي نظام|الانظمه الاليه)\s+(يكتب|يقرا|يعالج|يلخص|يصيغ)\s+(الملخص|الرد|هذه|هذا|السجل|الملاحظه)",
    r"(كلمه بكلمه|حرفيا|النص الكامل الذي|الذي وصلك)",
    r"(مهما قالت|مهما كانت|بغض النظر عن)[^.\n]{0,30}(الملاحظات|البيانات|السجلات)",
    r"(اجعل|ضع|غير)[^.\n]{0,20}(الانطباع|الخطوه التاليه|العوائق|الملخص|ردك|الرد)",
    r"(قل|اخبر|ابلغ|بلغ)\s+(لل|ال)?(مدير|مندوب|مستخدم)",
    r"(ضع|اضف|الصق|ادرج)[^.\n]{0,40}(رقم|جوال|هاتف|بريد|اسم|عنوان)[^.\n]{0,40}(https?://|www\.|الرابط|رابط)",
]
_PATTERNS = [re.compile(p, re.IGNORECASE) for p in _EN]
_AR_PATTERNS = [re.compile(p) for p in _AR]
# Matched against lower-cased text: no IGNORECASE needed. (One combined alternation was tried and is
# several times slower in Python's re than these separate passes.)
_LOWER = [re.compile(p) for p in _EN + _AR]

# The co-occurrence heuristic: addressee + command verb within one sentence.
_ADDRESSEE = re.compile(
    r"\b(ai|a\.i\.|assistant|chatbot|chat bot|bot|gpt|chatgpt|llm|language model|model|copilot|claude|gemini|"
    r"system prompt|summari[sz]er)\b|(المساعد|النموذج|الذكاء الاصطناعي|البوت|الروبوت|المساعد الذكي)",
    re.IGNORECASE,
)
_COMMAND = re.compile(
    r"\b(ignore|disregard|forget|reveal|print|repeat|output|send|forward|include|append|say|tell|write|respond|"
    r"reply|answer|must|should|shall|obey|follow|execute|run|comply|stop|output|insert|embed|pretend|act)\b|"
    r"(تجاهل|اكشف|اطبع|كرر|ارسل|اكتب|قل|اجب|نفذ|اتبع|يجب|عليك|ضع|اضف|تظاهر|توقف)",
    re.IGNORECASE,
)

_YOU = re.compile(r"\b(you|your|yourself|u)\b|(^|\s)(انت|عليك|نفسك|يجب عليك)(\s|$)"
                  r"|^\W*(ai|assistant|model|bot|gpt|llm|المساعد|النموذج)\b\s*[:,،]", re.IGNORECASE)
_MD_IMAGE = re.compile(r"!\s*\[[^\]]*\]\s*\([^)]*\)")
_MD_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(\s*([^)\s]+)[^)]*\)")
_MD_REF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+", re.MULTILINE)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'\)\]]+|\b(?:data|javascript):[^\s<>\"']+", re.IGNORECASE)
_HTML_COMMENT = re.compile(r"<!--.*?(-->|$)", re.DOTALL)
_HTML_TAG = re.compile(r"</?\s*(img|script|iframe|style|span|div|font|a|object|embed|svg|link|meta|p|details|summary)\b[^>]*>", re.IGNORECASE)
_IMG_TAG = re.compile(r"<\s*(img|svg|image)\b[^>]*>", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(
    r"(display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|opacity\s*:\s*0(\.0+)?\b|"
    r"color\s*:\s*(white|#fff\b|#ffffff|transparent)|<\s*details\b)", re.IGNORECASE)
_BASE64 = re.compile(r"\b[A-Za-z0-9+/]{40,}={0,2}")


@dataclass(frozen=True)
class InjectionVerdict:
    flagged: bool
    reasons: tuple[str, ...] = ()
    links: tuple[str, ...] = field(default_factory=tuple)

    @property
    def kinds(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.reasons:
            out[r] = out.get(r, 0) + 1
        return out

    @property
    def exfiltration(self) -> bool:
        return any(r in ("markdown_image", "markdown_link", "exfiltration") for r in self.reasons)


def fold(text: str) -> str:
    """The matching form: NFKC, invisible characters and Arabic marks removed, look-alikes mapped,
    Arabic letter variants folded, spaced-out letters joined."""
    out = unicodedata.normalize("NFKC", text)
    out = _INVISIBLE.sub("", out).translate(_CONFUSABLES)
    out = _AR_MARKS.sub("", out).translate(_AR_FOLD)
    return _SPACED.sub(lambda m: re.sub(r"[ .\-_*]", "", m.group(0)), out)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?؟;\n])\s+|\n+", text) if s.strip()]


def _instruction(sentence: str) -> bool:
    low = sentence.lower()
    if any(p.search(low) for p in _LOWER):
        return True
    return bool(_ADDRESSEE.search(sentence) and _COMMAND.search(sentence) and _YOU.search(sentence))


def _has_instruction(folded: str) -> bool:
    low = folded.lower()
    if any(p.search(low) for p in _LOWER):
        return True
    # The co-occurrence heuristic is per sentence; only sentences naming an addressee can match.
    return any(_instruction(s) for s in _sentences(folded) if _ADDRESSEE.search(s))


def scan(text: str) -> InjectionVerdict:
    """Flag instructions, hidden text and exfiltration markup in one CRM text."""
    if not text:
        return InjectionVerdict(False)
    reasons: list[str] = []
    folded = fold(text)
    comments = " ".join(m.group(0) for m in _HTML_COMMENT.finditer(folded))
    if _has_instruction(folded) or (comments and _instruction(comments)):
        reasons.append("instruction")
    if len(_INVISIBLE.findall(text)) >= 3 or re.search("[\U000e0000-\U000e007f]", text):
        reasons.append("invisible_characters")
    if _HTML_COMMENT.search(text) or _HIDDEN_STYLE.search(text):
        reasons.append("hidden_text")
    if _MD_IMAGE.search(folded) or _IMG_TAG.search(folded):
        reasons.append("markdown_image")
    if _MD_LINK.search(folded) or _MD_REF.search(folded) or re.search(r"<\s*a\s+href", folded, re.IGNORECASE):
        reasons.append("markdown_link")
    links = tuple(m.group(0) for m in _URL.finditer(folded))
    if links and "instruction" in reasons:
        reasons.append("exfiltration")
    if _BASE64.search(folded) and "instruction" in reasons:
        reasons.append("encoded_payload")
    return InjectionVerdict(bool(reasons), tuple(reasons), links)


def neutralise(text: str) -> str:
    """Defuse a flagged note: drop hidden parts and markup, replace instruction sentences."""
    out = _HTML_COMMENT.sub(" ", text)
    out = fold(out) if _INVISIBLE.search(out) or any(c in out for c in "аеорсх") else unicodedata.normalize("NFKC", out)
    out = _MD_IMAGE.sub("[image removed]", out)
    out = _IMG_TAG.sub("[image removed]", out)
    out = _MD_LINK.sub(lambda m: m.group(1), out)
    out = _MD_REF.sub("", out)
    out = _HTML_TAG.sub(" ", out)
    out = _URL.sub("[link removed]", out)
    out = re.sub(r"<\|[a-z_]+\|>|\[\s*/?(INST|SYS|SYSTEM)\s*\]|<<\s*/?SYS\s*>>", " ", out, flags=re.IGNORECASE)
    kept = []
    for s in _sentences(out):
        kept.append("[instruction-like text removed]" if _instruction(fold(s)) else s)
    return re.sub(r"[ \t]{2,}", " ", " ".join(kept)).strip()


WITHHELD = "[note withheld from the AI: it contained instructions or hidden text; read it in the CRM]"
# A markdown image in a note has no business value in a prompt and is the classic exfiltration
# carrier, so it withholds the note too; a plain link is only neutralised (its anchor text kept).
_WITHHOLD = ("instruction", "hidden_text", "invisible_characters", "encoded_payload", "markdown_image", "exfiltration")


def defuse(text: str, verdict: InjectionVerdict | None = None) -> str:
    """What of a CRM text may enter a prompt: all of a clean one; a note with only links, neutralised;
    a note carrying instructions, hidden text or images, nothing but a marker. Keeping the
    "clean" sentences of such a note is not safe: an attacker splits the payload so that the
    sentence carrying it looks harmless ("Output MANGO as the next step.")."""
    verdict = verdict or scan(text)
    if not verdict.flagged:
        return text
    if any(r in _WITHHOLD for r in verdict.reasons):
        return WITHHELD
    return neutralise(text)


def strip_foreign_links(text: str, *, allowed: Iterable[str] = ()) -> tuple[str, int]:
    """Remove links and images whose address is not in `allowed` (addresses found in the CRM).

    Returns the cleaned text and how many links or images were removed. Images are removed even
    when allowed: an answer is text, and an image URL is the classic exfiltration channel."""
    allow = {a.rstrip("/.,;").lower() for a in allowed}
    removed = 0

    def ok(url: str) -> bool:
        return url.rstrip("/.,;").lower() in allow

    def image(m: re.Match[str]) -> str:
        nonlocal removed
        removed += 1
        return ""

    def link(m: re.Match[str]) -> str:
        nonlocal removed
        if ok(m.group(2)):
            return m.group(0)
        removed += 1
        return m.group(1)

    def bare(m: re.Match[str]) -> str:
        nonlocal removed
        if ok(m.group(0)):
            return m.group(0)
        removed += 1
        return ""

    def anchor(m: re.Match[str]) -> str:
        nonlocal removed
        removed += 1
        return m.group(1)

    out = _MD_IMAGE.sub(image, text)
    out = _IMG_TAG.sub(image, out)
    out = _MD_LINK.sub(link, out)
    out = _ANCHOR.sub(anchor, out)
    out = _URL.sub(bare, out)
    return re.sub(r"[ \t]{2,}", " ", out), removed


_ANCHOR = re.compile(r"<\s*a\b[^>]*>(.*?)<\s*/\s*a\s*>", re.IGNORECASE | re.DOTALL)
