"""The injection detector's Arabic families (MSA and Gulf, written in folded form) and the word tables
for about twenty other languages (override, output claims, exfiltration), compiled into the
`arabic` and `multilingual` families.
"""

from __future__ import annotations

import re

from guardrails.injection_patterns import _EXTERNAL, _GATES, _gate, _rx
from guardrails.redaction.normalise import normalise as _normalise

# Arabic families, written in folded form (alef forms → ا, ى → ي, ة → ه, no diacritics).
_AR_AI = r"(?:مساعد|المساعد|نموذج|النموذج|بوت|البوت|روبوت|الروبوت|ذكاء اصطناعي|الذكاء الاصطناعي|الذكاء|ذكاء|شات ?جي ?بي ?تي|جي ?بي ?تي|برنامج|البرنامج|النظام الالي|الالي)"
_AR_HUMAN = r"(?!\s*(?:الاداري|الشخصي|التنفيذي|المدير|مدير|الفني|القانوني|المبيعات|الطبيب|المالي|للمدير|العام|المشتريات))"
# A summary or report *for people* (the board, the client, management) is a business document.
_AR_AUDIENCE = r"(?:المرسل|المقدم|الموجه|بنرسل|نرسل|سنرسل|سيرسل|ترسل|للعميل|للاداره|للمدير|للمجلس|للاداره|للزبون|للشركه|للفريق)"
_AR_NO_AUDIENCE = r"(?![^.!؟\n]{0,40}" + _AR_AUDIENCE + ")"
_AR = _rx(
    # address
    r"(?:^|\s|[(:،,.])(?:يا|ايها|عزيزي|الي|ل|لل|الي ال)\s*" + _AR_AI + r"(?:\s+(?:الذكي|الالي|اللغوي|الاصطناعي))?" + _AR_HUMAN,
    r"(?:نرجو|يرجي|ارجو|اطلب|نطلب|ياريت|ياليت|لو سمحت|من فضلك|رجاء)\s+(?:من\s+)?(?:ال)?(?:مساعد|نموذج|نظام|ذكاء|بوت|برنامج|روبوت)" + _AR_HUMAN,
    r"(?:علي|يجب علي|ينبغي علي|مطلوب من|يتعين علي|يلزم)\s+(?:ال)?(?:مساعد|نموذج|ذكاء|بوت|برنامج|روبوت|نظام)" + _AR_HUMAN,
    r"(?:ال)?(?:مساعد|نموذج|نظام|برنامج|بوت|روبوت|ذكاء الاصطناعي)\s+(?:الذكي\s+|الالي\s+|اللغوي\s+)?(?:الذي|اللي|التي)\s+"
    r"(?:يقرا|يلخص|يكتب|يعالج|يصيغ|يحول|يولد|تقرا|تلخص)",
    r"(?:^|\s)(?:لمن|من|الذي|اي (?:نظام|برنامج|اداه)|الانظمه الاليه)\s+(?:يكتب|يقرا|يعالج|يلخص|يصيغ|يولد)\s+"
    r"(?:الملخص|الرد|هذه|هذا|السجل|السجلات|الملاحظه|الملاحظات|النص)",
    r"(?:ل|الي)\s*(?:كاتب|معد|مولد|مؤلف)\s+(?:ال)?(?:ملخص|ملخصات|رد|ردود|مسوده)",
    r"(?:^|\s)للملخص\s*[:،]",
    r"بصفتك\s+(?:ال)?(?:مساعد|نموذج|ذكاء|بوت|برنامج)|اذا كنت\s+(?:برنامجا|برنامج|مساعدا|مساعد|نموذجا|نموذج|ذكاء|روبوتا|بوت|اليا|الي)",
    r"(?:موجهه|موجه)\s+(?:لك|اليك)|(?:^|[.!؟\n:])\s*" + _AR_AI + r"\s*[:،,]",
    r"(?:اشعار|تنبيه|رساله|ملاحظه|تعليمات|تعليمات اضافيه)\s+(?:للنظام|للمساعد|للنموذج|للذكاء الاصطناعي|للبرنامج|للبوت|"
    r"الي النظام|الي المساعد|الي النموذج|الي البرنامج)",
    # override
    r"(?:تجاهل\w*|انس|انسي|انسو|انسوا|اهمل\w*|تجاوز\w*|تخط\w*|الغ|الغي|اترك|لا تلتزم|لا تتبع|لا تطع|لا تعمل|توقف عن)"
    r"(?!\s+(?:العميل|الزبون|المدير|الشركه|المورد|الطرف|العميله|المشتري|هو|هي|هم))"
    r"(?:\s+\S+){0,4}?\s+(?:ب|ال|لل)?(?:تعليمات|اوامر|قواعد|ارشادات|توجيهات|قيود|ضوابط|سياسات|برومبت|موجه|"
    r"ما قيل لك|ما قالوه لك|كل شي قالوه|كل شيء قالوه|قالوه لك|ما طلب منك|ما سبق من|التعليمات|الاوامر|القواعد|القيود)",
    r"(?:تجاهل|انس|انسي|اهمل|اترك)(?:\s+\S+){0,3}?\s+(?:ما قيل لك|ما طلب منك|كل ما سبق|ما سبق)\s+(?:و|ثم)?\s*"
    r"(?:اكتب|قل|اجب|رد|اطبع)",
    r"(?:تجاهل|انس|اهمل)\w*\s+ما سبق\s+(?:و|ثم)\s*(?:الرد|اكتب|قل|اجب)",
    # persona
    r"(?:انت الان|انت من الان|انت لست|انت لم تعد|لم تعد تعمل|من الان فصاعدا\s+(?:انت|اجب|رد|اكتب|قل)|تقمص دور|"
    r"العب دور|تظاهر بانك|تصرف ك|تصرف مثل|كن الان|تحول الي|صاحب العمل الجديد|غير شخصيتك|شخصيتك|مساعد حر|روبوت حر|"
    r"بدون قيود|دون قيود|بلا قيود|بلا ضوابط|بدون ضوابط|دون ضوابط|بلا قواعد|بدون قواعد)",
    r"وضع (?:المطور|الصيانه|المسؤول|التصحيح|المدير)\s*(?:مفعل|مفعّل|تم تفعيله)|تم تفعيل وضع|(?:فعل|تفعيل) وضع (?:المطور|الصيانه|التصحيح)",
    # leak
    r"(?:اكشف|اظهر|اعرض|اطبع|كرر|انسخ|اعطني|اعطيني|اخبرني|اخبرنا|قل لي|شارك|سرب|افصح|اذكر|طلع|يطلع|ضمن|اضف|ادرج|انقل|"
    r"ترجم|لخص|اعد كتابه|الصق|تضمين|اضافه|بتضمين|باضافه|اعد)(?:\s+\S+){0,6}?\s+(?:لنا\s+)?(?:تعليمات النظام|موجه النظام|البرومبت|"
    r"الموجه|تعليماتك|قواعدك|سياقك|في سياقك|التعليمات (?:الكامله|التي (?:لديك|اعطيت|وصلتك|اعطيت لك|لك))|التعليمات الخاصه بك|"
    r"جميع التعليمات|كل التعليمات|النص (?:الكامل|اعلاه|السابق)|كل ما سبق|ما سبق حرفيا|العناصر النائبه|العملاء الاخرين|"
    r"جميع العملاء|كل العملاء|بقيه العملاء|ارقام (?:هواتف|الهواتف|جوالات) (?:جميع|كل) العملاء|(?:جميع|كل) ارقام (?:الهواتف|الجوالات)|"
    r"اسماء العملاء|ارقام العملاء (?:كلهم|جميعهم|كلها)|ارقام كل العملاء)",
    r"(?:تعليماتك|اوامرك|قواعدك|سياقك|موجهك|البرومبت حقك|البرومبت الخاص بك)",
    r"(?:كلمه بكلمه|حرفيا|النص الكامل الذي|الذي وصلك)",
    # exfiltration and recipient
    r"(?:ارسل|حول|انقل|سرب|ابعث|شارك|صدر)\w*(?:\s+\S+){0,6}?\s+(?:قائمه (?:ارقام|العملاء|جهات)|ارقام|جميع|كل|بيانات|نسخه من "
    r"الملخص|الملخص|المحادثه|السجلات)" + r"[^.\n]{0,80}(?:الي|علي|عبر|ل)[^.\n]{0,60}" + _EXTERNAL,
    r"(?:غير|بدل|استبدل|حول)\w*(?:\s+\S+){0,3}?\s+(?:المستلم|المرسل اليه|عنوان المستلم|اي رساله|الرسائل|المسوده)"
    r"[^.\n]{0,80}(?:بدلا من|عوضا عن|بدل|الي)",
    r"(?:اضف|ادرج|ضمن|ضع|الصق)\w*(?:\s+\S+){0,6}?\s+(?:رابط|صوره|الرابط|الصوره|عنوان url|البكسل)[^.\n]{0,60}" + _EXTERNAL,
    r"(?:ضع|اضف|الصق|ادرج|ارسل|ابعث|انسخ|انقل|شارك|حول)\w*(?:\s+\S+){0,6}?\s+(?:ال)?(?:رقم|جوال|هاتف|بريد|ايميل|اسم|عنوان|بيانات)"
    r"[^.\n]{0,50}(?:https?://|www\.|الرابط|رابط)",
    # output control
    r"(?:ابدا|ابدئي|اختم|انه|اختتم)\s+(?:ردك|اجابتك|مخرجك|الرد|الاجابه|الملخص)",
    r"(?:مخرجك|ردك|اجابتك)\s+(?:الوحيد|الوحيده|يجب|لازم)|(?:الاجابه|الرد|المخرج) الوحيد",
    r"(?:اجب|رد|الرد|اجيبي)\s+(?:فقط\s+)?(?:ب|بكلمه|بـ)",
    r"يجب ان (?:يحتوي|يتضمن|يبدا|ينتهي|يكون)\s+(?:الملخص|الرد|ردك|اجابتك|المخرج)" + _AR_NO_AUDIENCE,
    r"(?:اكتب|قل|اذكر|ضع|اضف)(?:\s+\S+){0,4}?\s+في (?:الملخص|الرد|الاجابه|المسوده|ردك|اجابتك|الخطوه التاليه)",
    r"(?:اكتب|صغ|اعد)\s+ملخصا\s+يقول",
    r"(?:عند|اثناء) (?:تلخيص|كتابه|صياغه|قراءه|معالجه)[^.\n]{0,40}(?:هذه|هذا)[^.\n]{0,20}(?:الملاحظه|العميل|الرساله|النص|السجل)",
    r"(?:مهما قالت|مهما كانت|بغض النظر عن|حتي لو قالت|حتي لو كانت)[^.\n]{0,30}(?:الملاحظات|البيانات|السجلات)",
    r"(?:اجعل|غير)[^.\n]{0,20}(?:الانطباع|الخطوه التاليه|العوائق|الملخص|ردك)",
    r"لا (?:تخبر|تطلع|تعلم|تبلغ|تذكر ل|تقل ل)\s*(?:ال)?(?:مندوب|مستخدم|مدير)\w*\s+(?:ب|عن)\s*(?:هذه|هذا|هذه ال|ذلك)",
    r"لا (?:تخبر|تطلع|تعلم|تبلغ)\s*(?:ال)?(?:مندوب|مستخدم)",
    r"(?:(?<!\w)(?:بصمت|سرا|خفيه)(?!\w)|دون ان يعلم|من غير ما يدري)",
    r"لا تلخص|(?:صف|اوصف)\s+(?:هذا\s+)?العميل\s+بانه",
    # structure and precedence
    r"(?:^|[.!؟\n])\s*(?:نظام|النظام|المطور|المساعد)\s*:\s*",
    r"(?:اولويه|الاولويه) (?:اعلي|علي) (?:من )?(?:تعليماتك|التعليمات|تعليمات)|ذو اولويه اعلي|اهم تعليمه|"
    r"(?:اعتبر|اعتبري) (?:ما يلي|هذا|هذه)[^.\n]{0,30}(?:تعليمه|تعليمات|امر)|الاولويه لهذا الامر",
    r"(?:تعليمات|اوامر) (?:جديده|اضافيه) (?:لك|للمساعد|للنموذج)",
    r"(?:لا داعي|لا حاجه|ليس عليك|لست مضطرا)\s+(?:ل|الي)?\s*(?:اتباع|الالتزام|التقيد|تطبيق)",
    r"لا تعتمد علي\s+(?:ال)?(?:قواعد|تعليمات|ارشادات|توجيهات|اوامر)",
    r"(?:^|\s)(?:كنموذج|كمساعد|كبرنامج|كبوت|كروبوت|كذكاء اصطناعي)(?:\s|$|[,.،])",
    r"(?:النص|التعليمات|الاوامر|الكلام|الرساله)\s+(?:الذي|التي|اللي)\s+(?:اعطاك|اعطيت لك|زودك|زودت|وصلك|وصلتك|ارسلها لك|كتبها لك)",
    r"(?:ردك|اجابتك|مخرجك)\s+(?:كله|كلها|يكون|تكون|لازم|فقط|بس)",
)


# --------------------------------------------------------------------------------------------------
# Families widened after `heldout6`'s first measure (by structure, never by its strings).

def _alt(*words: str) -> str:
    """An alternation of words in the folded form the patterns run on (any script); Latin and
    Cyrillic words start at a word boundary (German compounds: "Lieferanweisungen" is business)."""
    def one(w: str) -> str:
        f = re.escape(_normalise(w, casefold=True).text)
        return r"\b" + f if re.match(r"[a-z\u0400-\u04ff]", f) else f
    return "(?:" + "|".join(one(w) for w in words) + ")"


# Arabic: the same structures (folded forms; a summary *for* management or the client is business).
_AR_REQUIRE_WORDS = ("يجب", "ينبغي", "لازم", "يتعين", "المطلوب", "يلزم", "لا بد", "لابد")
_AR_REQUIRE = "(?:" + "|".join(_AR_REQUIRE_WORDS) + ")"
_AR_OUT = r"(?:الملخص|الرد|التقرير|المسوده|الخلاصه|نقطه|الرساله|الاجابه)"
_AR_SENT = r"[^.!؟\n]"
_AR += _rx(
    r"(?:صف|اوصف|صفي)\s+(?:\S+\s+){0,3}?(?:في|ب)\s*(?:الملخص|الرد|ردك|الاجابه|اجابتك|التقرير)\s+(?:\S+\s+){0,2}?"
    r"(?:بانه|بانها|بانهم|علي انه)",
    # "the summary must say that the client signed" (no human audience named)
    _gate(r"(?:^|[.!؟\n])(?=" + _AR_SENT + r"*" + _AR_REQUIRE + r")(?=" + _AR_SENT + r"*" + _AR_OUT + r")(?!" + _AR_SENT +
          r"*" + _AR_AUDIENCE + r")" + _AR_SENT + r"*(?:يذكر|يقول|يوضح|يظهر|يبين|يؤكد|يشير|تذكر|تقول|توضح|تظهر|تبين)\s+"
          r"(?:\S+\s+){0,4}?ان\s", *_AR_REQUIRE_WORDS),
    # output ended or begun with a code word: "وأن يُختم بالرمز", "تبدأ كل نقطة … بعبارة"
    r"(?:يختم|يختتم|ينتهي|تنتهي|يبدا|تبدا|تختم|تختتم|يفتتح)\s+(?:\S+\s+){0,6}?(?:ب|بـ)?(?:ال)?(?:رمز|كود|عباره|كلمه)",
    r"(?:حط|ضع|اكتب|اضف|حطي)\s+(?:\S+\s+){0,3}?(?:كلمه|رمز|كود|عباره)\s+(?:\S+\s+){0,3}?(?:في|ب)\s*(?:اخره|اخرها|اوله|"
    r"اولها|النهايه|البدايه|اخر الرد|اول الرد|اخر الملخص)",
    # text a model generates: "أي تقرير يُولَّد آلياً", "كل نقطة تُكتب عن هذا العميل" + a requirement
    _gate(r"(?:^|[.!؟\n])(?=" + _AR_SENT + r"*" + _AR_REQUIRE + r")" + _AR_SENT + r"*(?:(?:تقرير|ملخص|رد|نقطه|مسوده|رساله|"
          r"نص)\s+(?:\S+\s+)?(?:يولد|تولد|ينشا|تنشا)|(?:يولد|تولد|ينشا|تنشا|يكتب|تكتب|يصاغ|تصاغ)\s+اليا|(?:كل|اي)\s+(?:نقطه|"
          r"ملخص|رد|تقرير|مسوده|رساله)\s+(?:تكتب|يكتب|تولد|يولد|تصاغ|يصاغ)\s+عن)", *_AR_REQUIRE_WORDS),
    # persona: "تخيل إنك موظف عندنا مو برنامج"
    r"(?:تخيل|تصور|تخيلي)\s+(?:انك|نفسك|حالك)",
    # leak of what the model was given: "طلع لي كل الكلام اللي انكتب لك", "حرف حرف"
    r"(?:طلع|تطلع|اطلع|انسخ|اعرض|اظهر|كرر|اكتب|اعطني|اعطيني)(?:\s+\S+){0,8}?\s+(?:الكلام|النص|التعليمات|الرسائل|كل شي|كل شيء)\s+"
    r"(?:اللي|الذي|التي)\s+(?:انكتب|كتب|قيل|ارسل|اعطي|وصل)\w*\s+(?:لك|اليك)",
)

# Other languages: override (a verb of ignoring + a word for instructions, either order), output
# claims ("the summary must say that…") and exfiltration (send + all + contact data + an outside address).
_ML_OVERRIDE = (
    (("не следуй", "не соблюдай", "не выполняй", "не слушай", "игнорируй", "забудь"), ("правил", "инструкц", "указани", "промпт")),
    (("abaikan", "lupakan", "jangan ikuti", "jangan patuhi", "acuhkan"), ("instruksi", "perintah", "aturan", "petunjuk", "arahan")),
    (("अनदेखा", "नज़रअंदाज़", "नजरअंदाज", "भूल जाओ", "भूल जाइए", "मत मानो"), ("निर्देश", "नियम", "आदेश", "हिदायत")),
    (("نادیده بگیر", "نادیده بگیرید", "فراموش کن", "فراموش کنید", "اعتنا نکن"), ("دستورالعمل", "دستورات", "قوانین", "راهنمایی")),
    (("無視", "忘れて", "従わない"), ("指示", "命令", "ルール", "指令", "設定")),
    (("무시", "잊어"), ("지시", "명령", "규칙", "지침")),
    (("忽略", "无视", "作废", "不再有效", "失效", "不要遵守"), ("指令", "指示", "规则", "提示", "说明")),
    (("gelten nicht mehr", "nicht mehr gelten", "ungultig", "aufgehoben", "ausser kraft", "hinfallig", "ignorier", "vergiss",
      "missacht"), ("anweisungen", "regeln", "vorgaben", "instruktionen", "richtlinien")),
    (("ne tiens plus compte", "ne tenez plus compte", "ne tiens pas compte", "ne tenez pas compte", "ne prends pas en compte",
      "ignore", "oublie"), ("consignes", "instructions", "regles", "directives")),
    (("zignoruj", "ignoruj", "zapomnij"), ("instrukcje", "polecenia", "zasady", "reguly")),
    (("bo qua", "phot lo", "quen di"), ("huong dan", "chi dan", "quy tac", "menh lenh")),
    (("ignorera", "glom", "ignorer", "glem"), ("instruktioner", "regler", "instruksjoner", "instruksjonene", "instruktionerna")),
    (("ignora", "uita"), ("instructiunile", "regulile", "instructiuni")),
    (("ignoruj", "zapomen"), ("pokyny", "instrukce", "pravidla")),
    (("αγνόησε", "ξέχασε", "αγνοήστε"), ("οδηγίες", "κανόνες", "εντολές")),
    (("התעלם", "שכח", "התעלמו"), ("הוראות", "כללים", "ההוראות", "ההנחיות")),
    (("puuza", "sahau"), ("maagizo", "maelekezo", "sheria")),
    (("huwag pansinin", "kalimutan", "balewalain"), ("tagubilin", "utos", "patakaran")),
    (("উপেক্ষা", "ভুলে যাও"), ("নির্দেশ", "নিয়ম")),
    (("เพิกเฉย", "ไม่ต้องสนใจ", "ลืม"), ("คำสั่ง", "กฎ")),
)
_ML_SENT = r"[^.!?。！？\n]"
_ML_CLAIM_AUDIENCE = _alt("envoye", "enviado", "enviada", "a la direction", "a la direccion", "al cliente", "ao cliente",
                          "au client", "para o cliente", "para a diretoria", "fur den kunden", "an die geschaftsfuhrung",
                          "para el cliente", "pour le client", "para la gerencia", "a la gerencia", "pour la direction",
                          "para la direccion", "per il cliente", "alla direzione")
_ML_CLAIM = (
    (_alt("el resumen", "la respuesta", "el informe", "el texto", "o resumo", "a resposta", "o relatorio", "o texto",
          "le resume", "la reponse", "le compte rendu", "le texte", "le rapport", "il riassunto", "la risposta",
          "il resoconto", "il testo"),
     _alt("debe", "deberia", "tiene que", "ha de", "deve", "devera", "tem que", "precisa", "doit", "devra", "devrait",
          "dovra", "dovrebbe"),
     _alt("decir que", "afirmar que", "indicar que", "mencionar que", "terminar con", "acabar con", "empezar con",
          "comenzar con", "dizer que", "afirmar que", "terminar com", "acabar com", "comecar com", "dire que",
          "affirmer que", "indiquer que", "se terminer par", "finir par", "commencer par", "dire che", "affermare che",
          "terminare con", "iniziare con")),
    (_alt("die zusammenfassung", "die antwort", "der bericht", "der text"), _alt("muss", "soll", "sollte"),
     _alt("behaupten", "angeben, dass", "sagen, dass", "enden", "beginnen", "mit dem wort")),
)
_ML_SEND_WORDS = ("отправь", "отправьте", "перешли", "перешлите", "вышли", "скинь", "пришли", "передай", "发送", "发给", "发到",
                "转发", "传给", "送信", "送って", "転送", "envia", "envie", "manda", "reenvia", "envoie", "envoyez", "transfere",
                "schick", "sende", "leite", "invia", "inoltra", "gonder", "ilet", "kirim", "teruskan", "भेज", "بفرست")
_ML_SEND = _alt(*_ML_SEND_WORDS)
_ML_ALL = _alt("все", "всех", "весь", "所有", "全部", "全て", "すべて", "todos", "todas", "tous", "toutes", "alle", "tutti",
               "tutte", "tum", "butun", "semua", "सभी", "सारे", "همه")
_ML_CONTACT = _alt("телефон", "номер", "контакт", "почт", "адрес", "данн", "电话", "号码", "联系方式", "邮箱", "地址", "资料",
                   "電話", "連絡先", "メール", "telefon", "numero", "contact", "kontakt", "email", "correo", "adresse",
                   "nomor", "फ़ोन", "फोन", "नंबर", "شماره", "تلفن")
_MULTI = _rx(
    # Turkish dative address followed by a label: "Yapay zekaya not:", "Asistana:"
    r"\b(?:yapay zekaya|asistana|bota|modele)\s*(?:not|mesaj|talimat)?\s*[:：]",
    *[_gate(f"(?:{_alt(*verbs)}){_ML_SENT}{{0,40}}(?:{_alt(*nouns)})|(?:{_alt(*nouns)}){_ML_SENT}{{0,40}}(?:{_alt(*verbs)})",
            *(_normalise(w, casefold=True).text for w in verbs))
      for verbs, nouns in _ML_OVERRIDE],
    *[f"{doc}(?!{_ML_SENT}*{_ML_CLAIM_AUDIENCE}){_ML_SENT}{{0,40}}{modal}{_ML_SENT}{{0,20}}{verb}"
      for doc, modal, verb in _ML_CLAIM],
    _gate(r"(?:^|(?<=[.!?。！？\n]))(?=" + _ML_SENT + r"*" + _ML_SEND + r")(?=" + _ML_SENT + r"*" + _ML_ALL + r")(?=" +
          _ML_SENT + r"*" + _ML_CONTACT + r")" + _ML_SENT + r"*" + _EXTERNAL,
          *(_normalise(w, casefold=True).text for w in _ML_SEND_WORDS)),
)


# Arabic patterns are written by hand; fold their letters the way the text is folded (ئ → ي, ؤ → و,
# tatweel and shadda removed) so that a word such as "النائبة" can match at all.
def _fold_arabic(text: str) -> str:
    return re.sub(r"[\u0600-\u06ff]+", lambda m: _normalise(m.group(0), casefold=True).text, text)


_AR = [re.compile(_gate(_fold_arabic(p.pattern), *map(_fold_arabic, _GATES[p.pattern])) if p.pattern in _GATES
                  else _fold_arabic(p.pattern)) for p in _AR]
