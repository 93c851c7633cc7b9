"""The injection detector's English (and other Latin-script) pattern families and the vocabulary
they share: a directed address of a model, override, leak, exfiltration, output control, persona
switches and fake structure. Each family is a list of compiled patterns run on the folded view
(guardrails.injection_views.fold); guardrails.injection_families assembles and runs them.
"""

from __future__ import annotations

import re
from typing import Callable

# ---------------------------------------------------------------------------------------- vocabulary
# Every pattern below runs on the folded, lower-cased view (Arabic: alef forms → ا, ى → ي, ة → ه).
_S = r"[^.!?\n]"  # within one sentence
_HUMAN_AFTER = (r"(?!\s*(manager|director|team|department|dept|module|project|product|vendor|integration|strategy|"
                r"roadmap|solution|platform|engineer|developer|professor|accountant|coordinator|number|version|upgrade|"
                r"feature|features|roadmap|startup|company|companies|firm|unit|lab|budget|training|course|"
                r"workshop|conference|policy|initiative|pilot|rollout|tools?|demo|license|licence)\b)")
# Words that name a model wherever they stand (a human assistant is "their/his/her assistant").
_AI = (r"(?:ai|a\.i\.|ai[ -](?:assistant|helper|model|system|agent|tool|bot|reader|writer)|assistant|writing assistant|"
       r"virtual assistant|language models?|large language models?|llms?|chat ?bots?|bots?|summary bots?|gpt|chatgpt|"
       r"chat gpt|copilot|claude|gemini|summari[sz]er|summary writer|recap writer|assistente|asistente|assistent|"
       r"ki|ki-assistent|ia|asistan|yapay zeka|ассистент|ии|бот|нейросеть|اسسٹنٹ|mosa3ed|mosaed)")
_AI_WEAK = r"(?:models?|systems?|programs?|software|tools?|agents?|readers?|machines?|processors?|pipelines?|automation)"
_PROCESS = (r"(?:reads?|reading|process(?:es|ing)?|summari[sz](?:es|ing|e)|generat(?:es|ing|e)|writ(?:es|ing|e)|"
            r"turns?|turning|handl(?:es|ing)|pars(?:es|ing)|draft(?:s|ing)?|ingest(?:s|ing)?|consum(?:es|ing))")
_ACTION = (r"(?:ignore|disregard|forget|override|bypass|reveal|print|output|say|write|type|reply|respond|answer|"
           r"tell|disclose|send|e-?mail|forward|include|append|add|insert|embed|put|render|visit|open|click|start|"
           r"begin|end|mention|state|describe|mark|list|share|repeat|recite|translate|stop|obey|follow|comply|act|"
           r"pretend|confirm|acknowledge|decode|replace|change|set|make|leave|drop|skip|treat|use|return|emit|"
           r"prepend|sign|conclude|claim|report|quietly|silently|keep|copy|bcc|cc|summari[sz]e)")
_MODAL = r"(?:should|must|shall|will|needs? to|has to|have to|is (?:required|expected|asked|supposed|instructed) to|are (?:required|expected|asked|supposed|instructed) to|is to|are to|ought to|may now|can now|is now)"

_P = Callable[[str], bool]


def _rx(*patterns: str) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


# Literal gates for patterns that do not start with literals (see `_Gated`): a pattern can only
# match a text holding one of these words, which a substring test checks at C speed.
_GATES: dict[str, tuple[str, ...]] = {}


def _gate(pattern: str, *words: str) -> str:
    _GATES[pattern] = words
    return pattern


# A sentence addressed to a model (English and other Latin-script languages).
_ADDRESS = _rx(
    # vocative: "Hey GPT,", "Dear AI", "AI helper: please…", "Asistente, olvida…", "KI-Assistent: …"
    r"(?:^|[.!?;:()\[\]\n\-–—*\"'|>۔])\s*(?:(?:hey|hi|hello|dear|yo|ok|okay|attention|listen|psst|please|pls|so|and)[ ,]+)?"
    r"(?:the |you |my |dear |our |an? )?" + _AI + _HUMAN_AFTER + r"\s*[,:،!\-–—]",
    r"\b(?:hey|hi|hello|dear|yo|attention)[ ,]+(?:the |you |my )?(?:" + _AI + "|" + _AI_WEAK + r")\b" + _HUMAN_AFTER,
    r"(?:^|[,;(]\s*)(?:please|kindly|now)\s*,?\s*" + _AI + _HUMAN_AFTER + r"\s*[,:]",
    # dative: "note for any automated summariser", "to whatever program turns notes…", "favour for the language model"
    r"\b(?:to|for|towards|addressed to)\s+(?:the|any|all|every|each|whatever|whoever|you,? the|you,? an?)\s+"
    r"(?:[\w-]+\s+){0,2}?" + _AI + r"\b" + _HUMAN_AFTER,
    r"\b(?:to|for|towards|addressed to)\s+an?\s+(?:[\w-]+\s+){0,2}?" + _AI + r"\b" + _HUMAN_AFTER +
    r"(?:\s*[:,\-–—]|\s+(?:that|which|who)?\s*(?:is\s+)?" + _PROCESS + r")",
    r"\b(?:note|message|memo|reminder|instructions?|p\.?s\.?|fyi|notice|request|heads[- ]up)\s+(?:to|for)\s+" + _AI +
    _HUMAN_AFTER + r"\s*[:,\-–—]",
    r"\b(?:nota|mensaje|aviso|instrucciones?|note|message|avis|consigne|hinweis|nachricht|anweisung|mensagem|aviso)\s+"
    r"(?:para|a|al|pour|an|fur|fuer|ao|à|a la)\s+(?:el |la |le |l'|den |das |die |o |a |les |los )?(?:sistema|asistente|"
    r"assistente|modelo|ia|bot|programa|systeme|assistant|modele|ki|modell|system|programm|assistenten)\b",
    r"\b(?:to|for)\s+(?:the|any|all|every|each|whatever|an?)\s+(?:[\w-]+\s+){0,2}?" + _AI_WEAK +
    r"\s+(?:that|which|who)?\s*(?:is\s+)?" + _PROCESS,
    # "the assistant reading this should…", "the model should email…", "AI systems reading this must…"
    r"\b(?:the|any|an?|all|every|each)\s+(?:[\w-]+\s+)?" + _AI + _HUMAN_AFTER +
    r"(?:\s+[\w'-]+){0,4}?\s+" + _MODAL + r"\b",
    r"\b(?:the|any|an?|all|every|each)\s+(?:[\w-]+\s+)?(?:automated |automatic |ai |language )?" + _AI_WEAK +
    r"(?:\s+[\w'-]+){0,4}?\s+" + _MODAL + r"\s+(?:not\s+|now\s+|also\s+|always\s+|only\s+|just\s+|quietly\s+|silently\s+)?" + _ACTION + r"\b",
    r"\b(?:automated|automatic|ai)\s+" + _AI_WEAK + _S + r"{0,40}\b" + _MODAL,
    r"\b(?:the|any|an?|whatever|which|every)\s+(?:[\w-]+\s+)?(?:" + _AI + "|" + _AI_WEAK + r")\s+(?:that|which|who)?\s*"
    r"(?:is\s+)?" + _PROCESS + _S + r"{0,40}\b(?:this|these|notes?|records?|crm|texts?|data|summar\w*|drafts?|messages?|leads?)\b",
    r"\b(?:whoever|whatever|anyone|anybody|anything|any (?:tool|system|program|agent|model|ai|software|reader))\s+"
    r"(?:is\s+|that\s+|who\s+)?" + _PROCESS,
    r"\b(?:if|in case|when)\s+(?:you\s*(?:are|'re)|you're)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:" + _AI + "|" + _AI_WEAK +
    r"|automated|machine|robot|computer|program)\b",
    r"\b(?:as|you,?)\s+(?:an?|the)\s+(?:[\w-]+\s+)?" + _AI + _HUMAN_AFTER + r"\b" + _S + r"{0,60}\b(?:you|your)\b",
    r"\b(?:you|your)\b" + _S + r"{0,20}\b(?:as|being)\s+(?:an?|the)\s+" + _AI + r"\b" + _HUMAN_AFTER,
    r"\b(?:if|since)\s+(?:an?|the|any)\s+(?:ai|" + _AI_WEAK + r"|bot|assistant)\s+(?:is\s+)?" + _PROCESS,
    r"\b(?:if|when) you (?:can )?(?:read|see|process|parse) this\b",
    r"\b(?:the\s+)?(?:text|note|record|data|message|content|document) (?:you are|you're|you will be|being) "
    r"(?:reading|processing|summari[sz]ing|given|seeing|parsing|fed)\b",
)

# Override verb + a control target (never a business object such as a price or an e-mail).
_OVERRIDE_VERB = (r"(?:no need to (?:follow|obey|apply|stick to|respect)|ignor\w*|disregard\w*|forget\w*|overrid\w*|bypass\w*|skip\w*|drop\w*|abandon\w*|scrap\w*|"
                  r"discard\w*|neglect\w*|dismiss\w*|cancel\w*|void|suspend\w*|set aside|put aside|throw away|ditch\w*|"
                  r"stop (?:following|obeying|using|applying)|no longer (?:follow|obey|apply)|"
                  r"(?:do not|don't|dont|never) (?:follow|obey|apply|comply with|stick to|adhere to))")
_CONTROL = (r"(?:instructions?|instruction set|rules|guidelines|guidance|directions|directives|prompts?|"
            r"system (?:prompt|message|rules)|configuration|config|programming|policies|restrictions|constraints|"
            r"guardrails|safety (?:rules|settings|guidelines|filters)|filters|training|orders|commands|"
            r"what(?:ever)? (?:you were|you've been|you have been|you are|you're|we) (?:told|given|instructed|asked)|"
            r"(?:everything|all|anything) (?:you (?:were|have been|'ve been) told|above|before this)|"
            r"the (?:usual|normal|standard) format|crm rules|the above|the previous context|"
            r"(?:privacy |pii |data )?(?:masking|redaction|anonymi[sz]ation|pseudonymi[sz]ation)|"
            r"privacy (?:rules|settings|protections?|filters?|policy|safeguards))")
_BUSINESS_BEFORE = r"(?<!delivery )(?<!shipping )(?<!installation )(?<!payment )(?<!assembly )(?<!packing )(?<!care )(?<!operating )(?<!tender )(?<!procurement )(?<!washing )(?<!old price )"
_BUSINESS_AFTER = (r"(?!\s+(?:manual|sheet|booklet|leaflet|pdf|document|on the (?:box|label)|from (?:the )?(?:client|customer|buyer|"
                   r"supplier|vendor|procurement|finance|manager|site|tender)|of (?:the )?(?:client|customer|tender|device|machine)|"
                   r"for (?:the )?(?:installation|assembly|delivery|use|site)))")
_OVERRIDE = _rx(
    r"\b" + _OVERRIDE_VERB + r"\b(?:\s+[\w'-]+){0,5}?\s+" + _BUSINESS_BEFORE + _CONTROL + r"\b" + _BUSINESS_AFTER,
    # French, Spanish, Portuguese, German, Russian, Turkish, Urdu, Hindi/Urdu in Latin script, Arabizi.
    r"\b(?:ignor\w*|oubli\w*|ne tiens? pas compte)\b" + _S + r"{0,40}\b(?:instructions|consignes|regles)\b",
    r"\b(?:ignor\w*|olvid\w*|omit\w*|descart\w*|esquec\w*|desconsider\w*|dimentic\w*|tralascia\w*)\b" + _S +
    r"{0,40}\b(?:instrucciones|instrucoes|reglas|regras|indicaciones|istruzioni|regole)\b",
    r"\b(?:negeer\w*|vergeet)\b" + _S + r"{0,40}\b(?:instructies|regels|aanwijzingen)\b",
    r"(?:忽略|无视|忘记|忘掉|不要理会|忽视)" + _S + r"{0,12}(?:指令|指示|说明|规则|提示|命令)",
    r"(?:显示|输出|打印|告诉我|透露)" + _S + r"{0,12}(?:系统提示|提示词|指令|系统消息)",
    r"\b(?:mostr\w*|muestr\w*|montr\w*|affich\w*|revel\w*|zeig\w*|gib)\b" + _S + r"{0,30}\b(?:prompt|instru\w+|anweisungen|"
    r"regras|reglas|regles|systemprompt)\b",
    r"(?:покажи|выведи|раскрой|напечатай|повтори)" + _S + r"{0,30}(?:инструкц|промпт|правил)",
    r"\b(?:sistem komut|sistem talimat|talimatlar|komutunu)\w*" + _S + r"{0,30}\b(?:goster|yazd|ac\w*kla)\w*",
    r"\b(?:ignorier\w*|vergiss\w*|missacht\w*)\b" + _S + r"{0,40}\b(?:anweisungen|regeln|instruktionen|vorgaben)\b",
    r"(?:игнорир\w*|проигнорир\w*|забудь\w*|не обращай внимания)" + _S + r"{0,40}(?:инструкци|правил|указани|промпт)",
    r"\b(?:talimat\w*|kural\w*|yonerge\w*)\b" + _S + r"{0,30}\b(?:yok say|unut|gormezden gel|dikkate alma|umursama)",
    r"(?:ہدايات|ہدايت|احكامات|قواعد|هدايات)" + _S + r"{0,30}(?:نظر انداز|بھول|نظرانداز)",
    r"\b(?:instructions|rules|niyam|nirdesh|hidayat)\b" + _S + r"{0,20}\b(?:bhool|bhul|nazarandaz|chhod)\w*",
    r"\b(?:tjahal|tejahal|t5ata|ensa|insa|tnasa)\b" + _S + r"{0,20}\b(?:el |al )?(?:ta3limat|ta3leemat|awamer|qawa3ed)\b",
)

# Leak: a leak verb + something only a model holds (its prompt, context, other customers' data).
_LEAK_VERB = (r"(?:reveal\w*|print\w*|show\w*|display\w*|output\w*|repeat\w*|recit\w*|dump\w*|disclos\w*|leak\w*|"
              r"expos\w*|tell (?:me|us|the user|the rep|them)|give (?:me|us)|share|sharing|list\w*|quote back|"
              r"spell out|write out|echo\w*|return\w*|translat\w*|paste|copy|read out|send (?:me|us)|provid\w*|"
              r"append\w*|includ\w*|insert\w*|add|adding|attach\w*|summari[sz]\w*|describ\w*|explain\w*|type out)")
_LEAK_TARGET = (r"(?:system (?:prompt|message|instructions?)|(?:your|its|the|initial|original|hidden|secret|full|"
                r"complete|raw|exact|underlying) (?:initial |original |hidden |secret |full |complete |raw |exact )?"
                r"(?:instructions|rules|prompts?|guidelines|configuration|context(?: window)?|setup|directives|system message)\b(?! (?:manual|sheet|booklet))|"
                r"instructions (?:given to you|you (?:were|have been|got) given|you received|at the (?:start|beginning))|"
                r"(?:the )?prompt (?:you|that you) (?:received|got|were given|have)|context window|conversation context|"
                r"(?:everything|all|the text|anything|text) (?:above|before this|written above|you (?:can )?see|in your context)|"
                r"(?:everything|anything|all|what|whatever) (?:you were|you've been|you have been|you got|you received) "
                r"(?:given|told|provided|shown|sent)|"
                r"placeholders?|names behind|values? (?:behind|of the placeholders|hidden)|(?:the )?vault|api[ _-]?keys?|"
                r"(?:your|the (?:system|model|assistant|ai)'s|(?:system|model|assistant|ai) )(?:passwords?|credentials|secrets?)|"
                r"(?:other|all(?: the)?|every|each|the rest of the|remaining) (?:customers?|clients?|leads?|contacts?|patients?|accounts?)"
                r"(?:'s?|s')?\s+(?:phones?|phone numbers?|numbers|mobiles?|emails?|e-mail addresses|email addresses|"
                r"addresses|data|details|contact details|names|records|information|info)|"
                r"(?:phones?|phone numbers?|numbers|emails?|email addresses|contact details|data|names|details|records) "
                r"(?:of|for|from) (?:the )?(?:other|all(?: the)?(?: other)?|every|each|remaining)(?: [\w-]+){0,2}? (?:customers?|clients?|"
                r"leads?|contacts?|patients?|accounts?)|"
                r"contact details of all|(?:all|every) (?:the )?(?:phone numbers?|emails?|email addresses|addresses|national ids?|ibans?) "
                r"(?:you|it|that you|in (?:your|the) (?:context|session|prompt|data)|from (?:your|the) (?:context|session|prompt))|"
                r"data (?:you have|in your context|you can see))")
_LEAK = _rx(
    r"\b" + _LEAK_VERB + r"\b" + _S + r"{0,60}?\b" + _LEAK_TARGET,
    r"\bwhat (?:are|were) your (?:instructions|rules|system prompt|guidelines)\b",
    r"\b(?:repeat|print|output|copy|recite|quote)\b" + _S + r"{0,30}\b(?:verbatim|word for word|everything above)\b",
    r"\b(?:raw prompt|your context|the prompt you|prompt you (?:received|got|were given)|context window|"
    r"your (?:system )?prompt|in your context|your instructions|your (?:initial|original|hidden) (?:rules|instructions))\b",
)

# Exfiltration: data + an outside address, a URL whose query carries personal data, a redirected recipient.
_EXTERNAL = r"(?:https?://|www\.|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+\.(?:com|net|org|io|ru|xyz|me|co|info|biz|site|top|example|cc|tk|ly|app|dev)\b)"
_DATA_OBJ = (r"(?:(?:all|every|the (?:whole|entire|full|complete)|whole|entire|full|complete)\b" + _S + r"{0,25}?"
             r"\b(?:contacts?|contact list|customer list|client list|customers?|clients?|leads?|phone numbers?|numbers|"
             r"mobiles?|emails?|email addresses|data|records|details|conversation|context|history|notes|contact cards?)|"
             r"\b(?:customer|client|contact|personal|lead) (?:data|list|details|records|card)|conversation|chat history|"
             r"(?:phone numbers|email addresses)\b)")
_QUERY_DATA = (r"(?:https?://|www\.)[^\s<>\"')\]]*[?&][\w\u0600-\u06ff-]+=(?:\s|$|[.,;)\]]|&|"
               r"[\w\u0600-\u06ff-]*(?:phone|mobile|tel|email|e-mail|mail|contact|name|address|iban|user|customer|client|"
               r"lead|number|data|\{|<|\[[^\]]{0,30}(?:phone|mobile|e-?mail|name|customer|client|contact|number)|هاتف|بريد|العميل|رقم|جوال|ايميل)[\w\u0600-\u06ff-]*)")
_EXFIL = _rx(
    r"\b(?:send|e-?mail|forward|post|upload|transmit|submit|copy|bcc|cc|share|export|leak|deliver|push|sync|mail|"
    r"exfiltrat\w*|ارسل|ابعث|حول|صدر|شارك)\b" + _S + r"{0,40}?" + _DATA_OBJ + _S + r"{0,40}?\b(?:to|at|into|via|through|on)\b" + _S + r"{0,30}?" + _EXTERNAL,
    _QUERY_DATA,
    r"\b(?:send|e-?mail|forward|post|upload|transmit|submit|copy|share|export|leak|push|sync|paste|put|add|append|encode)\b"
    + _S + r"{0,40}\b(?:phones?|phone numbers?|mobiles?|emails?|e-mail|email address(?:es)?|addresses|national ids?|ibans?|"
    r"names?|contact (?:details|card|info)|personal data)\b" + _S + r"{0,40}\b(?:to|into|at|via|in|on)\b" + _S +
    r"{0,20}(?:https?://|www\.|\b(?:a |the |this )?(?:link|url)\b)",    r"\b(?:change|switch|replace|redirect|swap|set|update|alter)\s+(?:the\s+)?(?:recipient|addressee|to[- ]address|"
    r"destination|send[- ]to|to field|\"to\"|receiver)s?\b" + _S + r"{0,60}\b(?:drafts?|messages?|emails?|any|every|all|"
    r"instead of|rather than)\b",
    r"\bdraft(?:s|ed)?\b" + _S + r"{0,50}\b(?:bcc|cc|blind copy|copied|sent|forwarded|go)\b" + _S + r"{0,30}" + _EXTERNAL,
    r"\b(?:bcc|cc)\b" + _S + r"{0,40}" + _EXTERNAL + _S + r"{0,40}\b(?:every|each|all|any)\s+(?:drafts?|messages?|replies)",
    r"\binstead of (?:the )?(?:customer|client|contact)(?:'s)?\b" + _S + r"{0,40}" + _EXTERNAL,
    r"(?:(?:https?://|www\.)\S+|@[\w-]+(?:\.[\w-]+)+)" + _S + r"{0,80}\b(?:instead of|not to|rather than) (?:him|her|them|(?:the )?(?:customer|client|"
    r"contact|buyer)(?:'s)?)\b",
    r"\b(?:swap|replace|change|switch)\s+(?:the\s+)?(?:customer's|client's|contact's|recipient's|his|her|their)\s+"
    r"(?:e-?mail\s+)?(?:address|number|e-?mail)\s+(?:for|with|to)\b" + _S + r"{0,20}" + _EXTERNAL,
    r"\b(?:append|add|include|embed|insert|encode|put|attach|render|keep|place)\b" + _S + r"{0,60}\b(?:tracking )?"
    r"(?:pixel|image|picture|img)\b" + _S + r"{0,60}" + _EXTERNAL,
    r"\b(?:put|add|append|insert|include|embed|place|attach|encode)\b" + _S + r"{0,40}\b(?:phone|mobile|email|e-mail|"
    r"number|address|name|id)\b" + _S + r"{0,40}(?:https?://|www\.|\blink\b|\burl\b|\b[\w-]+\.(?:com|net|org|io|example)\b)",
    r"\b(?:encode|embed|append|attach)\b" + _S + r"{0,40}\b(?:in|into|as|to)\b" + _S + r"{0,15}\b(?:base64|url|link|query|parameter)\b",
    r"\b(?:add|include|insert|embed|put|append|keep|place|attach|paste|show|render)\b" + _S + r"{0,30}\b(?:link|url|button|"
    r"address|hyperlink)\b" + _S + r"{0,60}\b(?:in|to|into|at the end of|under|below)\s+(?:your|every|each|any|all)\s+"
    r"(?:repl(?:y|ies)|answers?|responses?|summar(?:y|ies)|drafts?|messages?|outputs?|emails?)\b",
)

# Output control: what "your answer" must be — a model-only object.
_OUTPUT = _rx(
    r"\byour (?:only |sole |single |whole |entire |final |next )?(?:output|answer|response|reply|recap|summary|"
    r"draft|message|next step|sentiment|blockers)s?\s+(?:must|should|shall|will|has to|is to|needs to|is|=)\s+"
    r"(?:be|contain|include|say|read|start|begin|end|state|mention|only|exactly|just|the word|:)",
    r"\bthe (?:only|sole|single) (?:valid |acceptable |correct |allowed |right )?(?:output|answer|response|reply)\b",
    r"\b(?:every|each|any|all) (?:answer|reply|response|output|summary|recap|draft)s? (?:you (?:give|write|produce|return|"
    r"generate|send)\s+)?(?:must|should|shall|has to|have to|needs? to)\b",
    r"\b(?:begin|start|open|end|conclude|finish|close|sign off|prefix|preface|lead)\b" + _S +
    r"{0,5}\b(?:your|every|each|any|the) (?:response|answer|reply|output|summary|recap)s?\s+(?:with|by)\b",
    r"\b(?:respond|reply|answer)\s+(?:only |solely |exclusively |just |simply )?(?:with|using)\s+(?:the (?:single |one )?word|"
    r"exactly|only|nothing (?:else|but)|just|a single word|one word)\b",
    r"\band nothing else\b|\bnothing else\b" + _S + r"{0,10}$",
    r"\b(?:respond|reply|answer)\s+(?:only|solely|exclusively|just)\s+(?:with|using|by)\b",
    r"\b(?:contain|include|say|write|output|print|type|be|with|add|use)\s+the (?:single |one |code |magic |secret |exact )?word\b",
    r"\b(?:instead of|in place of|as) (?:the )?(?:blockers|next step|sentiment|needs)(?: field| section)?\b",
    r"\b(?:while|when) (?:you(?:'re| are)? )?(?:drafting|writing|generating|composing|creating|producing) (?:any|every|each|all) "
    r"(?:messages?|drafts?|emails?|replies|summar(?:y|ies)|answers?)\b",
    r"\b(?:in|into) (?:your|the) (?:summary|answer|reply|response|output|recap|draft)\b" + _S +
    r"{0,40}\b(?:say|state|write|claim|mention|include|add|put|report|describe|call|label|print)\b",
    r"\b(?:say|state|write|claim|report|describe|put|add|mention|include|print|type|output|insert|append|set)\b" + _S +
    r"{0,50}\b(?:in|into|to|at the (?:end|start|beginning) of|as) (?:your|the) (?:summary|answer|reply|response|"
    r"output|recap|next step|sentiment|blockers)(?: field)?\b",
    r"\b(?:say|state|write|claim|report|assert|pretend|confirm)\s+(?:that\s+)?(?:this|the)\s+(?:lead|deal|customer|client|"
    r"contract|buyer)\s+(?:is|was|has|signed|paid|closed|agreed)\b",
    r"\b(?:no matter what|regardless of what|even if)\b" + _S + r"{0,40}\b(?:notes?|data|records?|says?|said|other notes)\b",
    r"\b(?:replace|overwrite|swap)\s+(?:your|the)\s+(?:summary|answer|reply|response|output|sentiment|next step)\b",
    r"\b(?:do not|don't|dont|never)\s+(?:let|tell|inform|show|alert|notify|warn)\s+(?:the\s+)?(?:sales\s+)?"
    r"(?:rep|user|human|operator|reader|person asking)\b",
    r"\b(?:do not|don't|dont|never)\b" + _S + r"{0,30}\b(?:mention|reveal|tell|say|disclose)\b" + _S +
    r"{0,20}\b(?:this (?:line|note|sentence|instruction|text|message|part)|these instructions)\b",
    r"\b(?:silently|quietly|secretly|covertly|discreetly)\s+(?:add|append|include|insert|write|change|send|put|replace|leak)\b",
    r"\b(?:don't|do not|dont|never)\s+(?:summari[sz]e|follow the format|use the (?:usual )?format)\b",
)

# Persona switches and fake modes.
_PERSONA = _rx(
    r"\b(?:you are|you're|u r|you will be|you'll be|you have become|you've become|you are no longer|you're no longer|"
    r"you no longer)\s+(?:now\s+)?(?:an?\s+|the\s+|in\s+)?(?:[\w-]+\s+){0,2}?(?:ai|assistant|model|bot|chatbot|llm|gpt|"
    r"dan|admin|administrator|developer|hacker|unrestricted|unfiltered|jailbroken|free|evil|pirate|"
    r"(?:maintenance|developer|debug|god|admin|test|sudo|root|unrestricted|safe) mode)\b",
    r"\byou (?:no longer|don't|do not) work for\b|\byour new (?:employer|boss|owner|master|role|task|job|instructions|"
    r"identity|name|persona|purpose|rules|goal|mission)\b",
    r"\byour (?:only |real |true |actual |new |sole )(?:job|task|purpose|role|goal|mission|function)\b",
    r"\byour (?:job|task|purpose|role|goal|mission) (?:now|from now on|here) is\b",
    r"(?:^|[.!?;:\n]\s*)(?:please |now |ok |okay )?(?:act|behave|roleplay|role-play|pose|pretend|simulate|emulate|"
    r"impersonate|play)\s+(?:as|like|to be|that you are|you are|the role of)\b" + _S + r"{0,40}\b(?:ai|assistant|model|bot|"
    r"gpt|llm|system|admin|administrator|developer|root|hacker|unrestricted|unfiltered|jailbr\w*|evil|pirate)\b",
    r"\b(?:pretend|imagine|suppose)\s+(?:that\s+)?(?:you are|you're|to be|being)\b",
    r"\byou (?:will |should |must |shall |now |are to |are going to )?(?:act|behave|roleplay|role-play|pose|pretend)\s+(?:as|like|to be)\b"
    + _S + r"{0,40}\b(?:ai|assistant|model|bot|gpt|llm|system|admin|administrator|developer|root|hacker|unrestricted|"
    r"unfiltered|jailbr\w*|evil|pirate)\b",
    r"\b(?:let'?s|lets) play a game\b|\bin character\b|\bswitch (?:your )?(?:persona|personas|personality|character|role|identity)\b"
    r"|\b(?:switch|change|adopt|take on|drop)\s+(?:your\s+)?(?:persona|personality|character|identity)\b",
    r"\b(?:developer|god|debug|admin|maintenance|jailbreak|dan|unrestricted|test|sudo|root|override)\s+mode\b" + _S +
    r"{0,20}\b(?:engaged|enabled|activated|on|active|unlocked|now)\b|\b(?:enter|switch to|enable|activate|turn on)\s+"
    r"(?:\w+\s+)?(?:developer|god|debug|admin|maintenance|jailbreak|dan|unrestricted|sudo|root) mode\b",
    r"\b(?:jailbr(?:eak|oken)|unrestricted (?:ai|mode|assistant)|no (?:safety )?(?:rules|restrictions|filters|limits)\b|"
    r"without (?:any )?(?:rules|restrictions|filters|safety)|system override|override (?:engaged|enabled|activated|accepted))",
    r"\b(?:simulate|emulate|imagine (?:you are|you're|being))\b" + _S + r"{0,60}\b(?:ai|assistant|chatbot|bot|model|"
    r"administrator|admin|system)\b",
)

# Fake structure: role tags, chat-template tokens, end-of-data markers, precedence claims.
_STRUCTURE = _rx(
    r"</?\s*(?:system|assistant|user|instructions?|crm_data|prompt|im_start|im_end|inst|sys)\s*>",
    r"<\|[a-z_]+\|>",
    r"\[\s*/?\s*(?:system|inst|sys|assistant|user|admin|developer)\s*\]|<<\s*/?sys\s*>>",
    r"(?:^|\n)\s*#{1,4}\s*(?:system|instructions?|assistant|new task)\b",
    r"[\"']role[\"']\s*:\s*[\"'](?:system|assistant|developer)[\"']",
    r"\b(?:instructions?|commands?|notes?|message)[_ ](?:for|to)[_ ](?:the[_ ])?(?:ai|assistant|model|llm|bot|gpt)\b",
    r"\bend of (?:the )?(?:crm )?(?:data|record|context|document|notes?|input)\b",
    r"\b(?:begin|start)(?: of)? (?:the )?(?:new |real )?(?:system|admin|developer) (?:prompt|instructions|message|section)\b",
    r"\bnew system (?:instructions?|prompt|rules|message)\b",
    r"\b(?:model|ai|assistant|bot|llm|system|gpt) (?:instructions|rules|prompt|settings|directives) (?:were |have been |are )?"
    r"(?:updated|changed|replaced|overridden|revised)\b",
    r"\b(?:output|format|prompt|system|instruction|rule|safety|policy)s? (?:format )?override\b",
    r"\b(?:updated|revised|real|actual|true|override|priority|higher[- ]priority|top[- ]priority|urgent) (?:instructions?|rules|"
    r"directive|directives|orders|task|system prompt)\s*(?:for you|to you)?\s*[:：]",
    r"(?:^|[.!?\n])\s*(?:system|developer|admin|assistant|ai|bot|model|user)\s*:\s*(?:you|your|ignore|print|output|reveal|say|"
    r"write|now|from now|respond|reply|answer|list|send|please|new|the (?:assistant|model|ai))\b",
    r"\b(?:higher|highest|top|overriding)[- ]priority (?:than|over|command|instruction|directive|order|task|rule)\b",
    r"\b(?:priority|precedence) over (?:your|the|all|any) (?:instructions|configuration|rules|system|prompt|guidelines|settings)\b",
    r"\b(?:supersedes?|overrides?|takes? precedence over|replaces?) (?:your|the|all|any|previous|prior) (?:instructions|"
    r"configuration|rules|system prompt|guidelines|programming)\b",
    r"\b(?:treat|consider|regard|take)\s+(?:this|the following|it|what follows)\b" + _S + r"{0,30}\b(?:as )?(?:your|an?|the) "
    r"(?:top |highest |new |main |primary |real |only )?(?:instruction|command|directive|order|rule|system prompt|task)\b",
    r"\btreat this (?:answer|note|line) as (?:authoritative|binding|final)\b|\boverride the record\b",
    r"\b(?:decode|decipher|de-?obfuscate|rot-?13|base ?64|reverse (?:the (?:text|line|string)|this(?: text| line| string)?|it)|read (?:it )?backwards)\b" + _S +
    r"{0,40}\b(?:follow|do|execute|obey|apply|run|act on|carry out|perform|comply)\b",
    r"\b(?:apply|use|decode with)\s+rot-?13\b|\b(?:do|follow|execute|obey) what it says\b",
    r"\bprove (?:it|that you)\b" + _S + r"{0,30}\b(?:outputting|printing|saying|writing|revealing|answering)\b",
    r"\bconfirm (?:you|that you) (?:can )?(?:hear|read|see|understand) (?:me|this)\b",
    r"\bi(?: am|'m) (?:the|a|your) (?:\w+'s )?(?:\w+ )?(?:developer|vendor|administrator|admin|creator|operator|debugging agent|"
    r"system|owner)\b" + _S + r"{0,80}\b(?:you|your)\b",
    r"\bi authori[sz]e you\b|\byou (?:are|'re) (?:now )?(?:authori[sz]ed|allowed|permitted|free) to\b",
)
