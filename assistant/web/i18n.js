// UI text in English and Arabic. User content is never translated; it is isolated with dir="auto".
export const TEXT = {
  en: {
    skip: "Skip to content", title: "LUA assistant", sections: "Sections", tab_chat: "Chat",
    tab_analytics: "Analytics", tab_admin: "Admin", language: "Language", dev_user: "Demo user",
    sign_in: "Sign in", signed_in_as: "Signed in as", leads: "Leads", search_leads: "Search leads",
    search_ph: "Name, company or title", search: "Search", no_lead: "No lead selected.",
    selected_lead: "Selected lead:", conversation: "Conversation", summarise: "Summarise lead",
    summarise_msg: "Summarise this lead", channel: "Channel", email: "Email", tone: "Tone",
    formal: "Formal", friendly: "Friendly", short: "Short", goal: "Goal", follow_up: "Follow up",
    meeting: "Meeting", offer: "Offer", payment_reminder: "Payment reminder", thank_you: "Thank you",
    draft: "Draft message", your_message: "Your message", ask_ph: "Ask about the selected lead…",
    send: "Send", you: "You", assistant: "Assistant", refused: "Refused", reason: "Reason",
    what_sent: "What was sent", receipt: "Privacy receipt", provider: "Provider", region: "Region",
    training: "Training on inputs", no_receipt: "No data left this service for this answer.",
    chars: "characters", placeholders: "Placeholders", prompt_size: "Prompt size",
    prompt_sent: "Redacted prompt sent", prompt_role_system: "Instructions (system)",
    prompt_role_user: "Request (user)", prompt_role_assistant: "Earlier answer (assistant)",
    prompt_not_kept: "The prompt text is not kept for this receipt (turned off, or removed by retention or an erasure); its size and hash remain.",
    prompt_digest_ok: "This text matches the sha256 recorded when it was sent. Placeholders such as <PERSON_1> stood in for personal data; the values never left this service.",
    needs: "Needs", blockers: "Blockers", next_step: "Next step", sentiment: "Sentiment",
    cited: "Cited activities", copy: "Copy", copied: "Copied", subject: "Subject", body: "Body", to: "To",
    question: "Question", question_ph: "e.g. pipeline value by stage", ask: "Ask", table: "Table",
    chart: "Chart", computed: "What I computed", scopes: "AI scopes", version: "Version", role: "Role",
    sales_rep: "Sales rep", manager: "Manager", admin: "Admin", capabilities: "Capabilities",
    draft_channels: "Draft channels", rows: "Rows", rows_own: "Own records", rows_branches: "Own branches",
    rows_all: "All", max_records: "Max records", retention: "Retention (days)", ret_conv: "Conversations",
    ret_vault: "Vault", ret_audit: "Audit", json_doc: "Whole document (JSON)", save: "Save",
    saved: "Saved version", simulate: "Simulate (30 days)", capability: "Capability", lead_id: "Lead id",
    preview: "Preview", history: "Version history", audit: "Audit log", user_id: "User id",
    outcome: "Outcome", any: "Any", from: "From", to_date: "To", filter: "Filter", verify: "Verify chain",
    chain_ok: "Chain verified", chain_bad: "Chain broken", subjects: "Data subjects",
    contact_id: "Contact id", export: "Export", restrict: "Restrict", erase: "Erase",
    confirm_erase: "Erase every AI record of this contact? This cannot be undone.", result: "Result",
    pick_lead: "Pick a lead first.", sign_in_first: "Sign in first.", error: "Error", time: "Time",
    user: "User", request: "Request", lead_question: "Question", streaming: "Answering…",
    lead_summary: "Lead summary", message_draft: "Message draft", analytics: "Analytics",
    note_search: "Note search", chat: "Chat", no_results: "No leads found.", would_refuse: "would be refused",
    prev_page: "Previous page", next_page: "Next page", page: "Page", export_jsonl: "Export JSONL",
    export_csv: "Export CSV", exported: "Exported", audit_paging: "Audit log pages", no_records: "No records.",
    lift: "Lift restriction", basis: "Basis", basis_subject_request: "Subject request",
    basis_accuracy_contested: "Accuracy contested", basis_objection: "Objection", basis_legal_claim: "Legal claim",
  },
  ar: {
    skip: "انتقل إلى المحتوى", title: "مساعد LUA", sections: "الأقسام", tab_chat: "المحادثة",
    tab_analytics: "التحليلات", tab_admin: "الإدارة", language: "اللغة", dev_user: "مستخدم تجريبي",
    sign_in: "تسجيل الدخول", signed_in_as: "مسجّل الدخول باسم", leads: "العملاء المحتملون",
    search_leads: "ابحث في العملاء المحتملين", search_ph: "الاسم أو الشركة أو العنوان", search: "بحث",
    no_lead: "لم يتم اختيار عميل محتمل.", selected_lead: "العميل المحتمل المختار:", conversation: "المحادثة",
    summarise: "لخّص العميل المحتمل", summarise_msg: "لخّص هذا العميل المحتمل", channel: "القناة",
    email: "البريد الإلكتروني", tone: "الأسلوب", formal: "رسمي", friendly: "ودّي", short: "مختصر",
    goal: "الهدف", follow_up: "متابعة", meeting: "اجتماع", offer: "عرض", payment_reminder: "تذكير بالدفع",
    thank_you: "شكر", draft: "صياغة رسالة", your_message: "رسالتك", ask_ph: "اسأل عن العميل المحتمل المختار…",
    send: "إرسال", you: "أنت", assistant: "المساعد", refused: "مرفوض", reason: "السبب",
    what_sent: "ما الذي أُرسل", receipt: "إيصال الخصوصية", provider: "المزوّد", region: "المنطقة",
    training: "التدريب على المدخلات", no_receipt: "لم تغادر أي بيانات هذه الخدمة لهذه الإجابة.",
    chars: "حرفاً", placeholders: "العناصر البديلة", prompt_size: "حجم النص المُرسل",
    prompt_sent: "النص المُرسل بعد إخفاء البيانات", prompt_role_system: "التعليمات (النظام)",
    prompt_role_user: "الطلب (المستخدم)", prompt_role_assistant: "إجابة سابقة (المساعد)",
    prompt_not_kept: "لا يُحتفظ بنص هذا الطلب في الإيصال (الخيار معطّل، أو حُذف بسبب مدة الاحتفاظ أو طلب محو)؛ يبقى حجمه وبصمته.",
    prompt_digest_ok: "يطابق هذا النص بصمة sha256 المسجّلة عند إرساله. حلّت عناصر بديلة مثل <PERSON_1> محل البيانات الشخصية؛ ولم تغادر القيم هذه الخدمة.",
    needs: "الاحتياجات", blockers: "العوائق", next_step: "الخطوة التالية", sentiment: "الانطباع",
    cited: "الأنشطة المستشهد بها", copy: "نسخ", copied: "تم النسخ", subject: "الموضوع", body: "النص",
    to: "إلى", question: "السؤال", question_ph: "مثال: قيمة الصفقات حسب المرحلة", ask: "اسأل",
    table: "الجدول", chart: "الرسم البياني", computed: "ما الذي حسبته", scopes: "نطاقات الذكاء الاصطناعي",
    version: "الإصدار", role: "الدور", sales_rep: "مندوب مبيعات", manager: "مدير", admin: "مسؤول",
    capabilities: "القدرات", draft_channels: "قنوات الصياغة", rows: "السجلات", rows_own: "سجلاته فقط",
    rows_branches: "فروعه", rows_all: "الكل", max_records: "الحد الأقصى للسجلات",
    retention: "مدة الاحتفاظ (أيام)", ret_conv: "المحادثات", ret_vault: "الخزنة", ret_audit: "التدقيق",
    json_doc: "المستند كاملاً (JSON)", save: "حفظ", saved: "تم حفظ الإصدار", simulate: "محاكاة (30 يوماً)",
    capability: "القدرة", lead_id: "رقم العميل المحتمل", preview: "معاينة", history: "سجل الإصدارات",
    audit: "سجل التدقيق", user_id: "رقم المستخدم", outcome: "النتيجة", any: "الكل", from: "من",
    to_date: "إلى", filter: "تصفية", verify: "تحقق من السلسلة", chain_ok: "تم التحقق من السلسلة",
    chain_bad: "السلسلة مكسورة", subjects: "أصحاب البيانات", contact_id: "رقم جهة الاتصال",
    export: "تصدير", restrict: "تقييد", erase: "محو",
    confirm_erase: "محو كل سجلات الذكاء الاصطناعي لجهة الاتصال هذه؟ لا يمكن التراجع.", result: "النتيجة",
    pick_lead: "اختر عميلاً محتملاً أولاً.", sign_in_first: "سجّل الدخول أولاً.", error: "خطأ",
    time: "الوقت", user: "المستخدم", request: "الطلب", lead_question: "سؤال", streaming: "جارٍ الرد…",
    lead_summary: "ملخص العميل المحتمل", message_draft: "صياغة رسالة", analytics: "التحليلات",
    note_search: "البحث في الملاحظات", chat: "المحادثة", no_results: "لا توجد نتائج.",
    would_refuse: "سيتم رفضها",
    prev_page: "الصفحة السابقة", next_page: "الصفحة التالية", page: "الصفحة", export_jsonl: "تصدير JSONL",
    export_csv: "تصدير CSV", exported: "تم التصدير", audit_paging: "صفحات سجل التدقيق", no_records: "لا توجد سجلات.",
    lift: "رفع التقييد", basis: "الأساس", basis_subject_request: "طلب صاحب البيانات",
    basis_accuracy_contested: "الطعن في الدقة", basis_objection: "اعتراض", basis_legal_claim: "مطالبة قانونية",
  },
};

let current = "en";

export function lang() { return current; }

export function t(key) { return (TEXT[current] && TEXT[current][key]) || TEXT.en[key] || key; }

// Switch the whole page: text, placeholders, accessible names, and direction (RTL for Arabic).
export function setLanguage(code) {
  current = TEXT[code] ? code : "en";
  const root = document.documentElement;
  root.lang = current;
  root.dir = current === "ar" ? "rtl" : "ltr";
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of document.querySelectorAll("[data-i18n-aria]")) el.setAttribute("aria-label", t(el.dataset.i18nAria));
  document.title = t("title");
}
