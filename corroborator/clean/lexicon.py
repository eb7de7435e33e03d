"""Known page-furniture phrases and news-agency names: one signal among several.

Each pattern is anchored or bounded and uses no nested quantifiers, so a hostile line
cannot make it backtrack badly. Lines are matched after ``strip()`` and are capped in
length by the caller.
"""

from __future__ import annotations

import re

# Agencies as written in a credit, lower-cased -> canonical spelling.
AGENCIES: dict[str, str] = {
    "reuters": "Reuters", "thomson reuters": "Reuters",
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "ap": "AP", "associated press": "AP", "the associated press": "AP",
    "bloomberg": "Bloomberg", "dpa": "dpa", "epa": "EPA", "efe": "EFE", "ansa": "ANSA",
    "pa": "PA", "pa media": "PA", "press association": "PA", "pa wire": "PA",
    "ani": "ANI", "ians": "IANS", "pti": "PTI", "upi": "UPI", "aap": "AAP",
    "xinhua": "Xinhua", "kyodo": "Kyodo", "yonhap": "Yonhap", "tass": "TASS",
    "anadolu": "Anadolu", "anadolu agency": "Anadolu", "canadian press": "Canadian Press",
    "the canadian press": "Canadian Press", "cnn wire": "CNN Wire", "sapa": "SAPA",
    "bernama": "Bernama", "antara": "Antara", "ria novosti": "RIA Novosti",
    "interfax": "Interfax", "ukrinform": "Ukrinform", "kcna": "KCNA",
}

_AGENCY_ALT = "|".join(sorted((re.escape(a) for a in AGENCIES), key=len, reverse=True))
# A trailing credit list "REUTERS, AFP" / "Reuters/AFP" / "AP and Reuters".
AGENCY_LIST = re.compile(
    rf"(?i)(?:{_AGENCY_ALT})(?:\s{{0,3}}(?:,|/|&|and)\s{{0,3}}(?:{_AGENCY_ALT})){{0,5}}"
)
# "KYIV (Reuters) -", "(AP) —": a dateline credit at the start of a paragraph.
DATELINE_CREDIT = re.compile(
    rf"^[A-Z][A-Za-z .,'-]{{0,60}}?\((?i:{_AGENCY_ALT})\)\s{{0,3}}[-\u2013\u2014:]"
)
PAREN_CREDIT = re.compile(rf"^\((?i:{_AGENCY_ALT})\)\s{{0,3}}[-\u2013\u2014:]")
# "— Reuters" / "- AFP" ending a paragraph, or "Reuters" as a whole line.
DASH_CREDIT_END = re.compile(rf"[-\u2013\u2014]\s{{0,3}}(?i:{_AGENCY_ALT})\s{{0,2}}\.?$")

PHOTO_CREDIT_TAIL = re.compile(
    r"(?i)(?:getty images|alamy(?: stock photo| live news)?|shutterstock|ap photo[^.]{0,40}"
    r"|reuters(?:/[\w .'-]{1,40})?|afp(?: via getty images)?|epa(?:-efe)?|pa (?:media|wire)"
    r"|file photo|stock photo|photo(?:graph)?:? ?[\w .'/-]{1,40}|image:? ?[\w .'/-]{1,40}"
    r"|credit:? ?[\w .'/-]{1,40}|bloomberg|via reuters|handout|supplied|nurphoto|sipa usa"
    r"|wikimedia commons|unsplash|istock(?:photo)?)\.?$"
)
# "... in Nogales, Ariz. (AP)", "(Image: GETTY )", "Jason Doe/ZDNet"
PAREN_CREDIT_END = re.compile(
    r"(?i)\((?:(?:image|photo|picture|pic|credit|photograph|source|video)s?\s?:[^()]{1,60}"
    r"|(?:ap|reuters|afp|getty(?: images)?|epa|shutterstock|alamy|pa)(?: photo)?[^()]{0,60})\)$"
)
PHOTOGRAPHER = re.compile(r"^[A-Z][\w.'-]{1,20}(?: [A-Z][\w.'-]{1,20}){0,3}\s?/\s?"
                          r"[A-Z][\w.&' -]{1,40}$")
# a gallery caption with its expand/collapse toggle: "... more", ". less"
TOGGLE_END = re.compile(r"(?:(?:\.\.\.|\u2026)\s?(?:more|read more|see more)"
                        r"|[.!?]\s(?:less|show less))$")
PHOTO_LABEL = re.compile(r"(?i)^(?:photo|image|picture|pictures|credit|photograph|video)s?"
                         r"(?: credit)?\s?[:|/]\s?\S")
CAPTION_START = re.compile(
    r"(?i)^(?:in this (?:photo|image|picture|file photo|handout|undated|video)"
    r"|(?:file )?photo(?:graph)?:|pictured(?: above| below| left| right)?:?|above:|below:|"
    r"caption:|this (?:photo|image|picture) (?:shows|provided)|\(photo)"
)

# (pattern, reason); applied to short lines (prose lines need a stronger signal).
SHORT_LINE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?i)^(?:advertisements?|advert|ad|sponsored(?: content| links?)?|promoted"
                r"(?: content)?|paid (?:content|post)|partner content|story continues below"
                r"(?: advertisement)?|article continues below(?: advertisement)?"
                r"|continue reading(?: below)?|scroll to continue(?: with content)?)\W*$"),
     "advertisement"),
    (re.compile(r"(?i)\b(?:newsletters?|sign up|signup|inbox|subscribe(?: now| today)?)\b"),
     "newsletter"),
    (re.compile(r"(?i)^(?:follow(?: us| topic| this topic| her| him| them| on)?\b.{0,60}"
                r"|follow:?|get (?:alerts|notifications).{0,40})$"), "follow-prompt"),
    (re.compile(r"(?i)^(?:share(?: this)?(?: article| story| page| on \w+)?|tweet|email|print"
                r"|copy(?: link)?|link copied|facebook|twitter|x|whatsapp|linkedin|pinterest"
                r"|reddit|flipboard|messenger|telegram|gift (?:this )?article|save(?: article)?"
                r"|bookmark|listen(?: to (?:this )?article)?|comments?)\W*$"), "share"),
    (re.compile(r"(?i)(?:\b(?:uses?|using) cookies\b|\bcookie (?:policy|settings|consent"
                r"|preferences)|accept (?:all )?cookies)"), "cookie-notice"),
    (re.compile(r"(?i)^(?:(?:facebook|twitter|x|pinterest|email|e-mail|whatsapp|linkedin|reddit"
                r"|flipboard|mix|print|share|tumblr|telegram|messenger|copy link|sms)\W{0,3})"
                r"{2,12}$"
                r"|^print this (?:article|page|story)|share (?:it|this) with|^click to (?:share|"
                r"print|email)|^share on \w+|sharing is caring"), "share"),
    (re.compile(r"(?i)^(?:related(?: post| article| story| video)?|see (?:more|also)|also|"
                r"read (?:more|also|next)|more|previous(?: post| article| story)?|next(?: post"
                r"| article| story)?|watch|listen|recommended|sponsored|promoted)\s?:\s"),
     "navigation"),
    (re.compile(r"(?i)(?:leave a (?:reply|comment)|your email address will not be published"
                r"|required fields are marked|post (?:a )?comment|add a comment|log ?in to "
                r"comment|notify me of|^\d{1,6} comments?\W*$|^reply\W*$|cancel reply"
                r"|comments are closed|join the (?:conversation|discussion)|save my name"
                r"|next time i comment|by submitting this form|community (?:standards|guidelines)"
                r"|comment data is processed|you are commenting using|log in using one of these"
                r"|notify me (?:of|via)|(?:name|email|e-mail|comment|website) \(required\))"),
     "comment-form"),
    (re.compile(r"(?i)^(?:source(?: link| url)?|via|source:? ?\S{1,80}|read (?:the )?"
                r"(?:original|full) (?:article|story).{0,60}|originally (?:published|appeared)"
                r" (?:on|in|at|by).{0,80})\W*$"), "source-link"),
    (re.compile(r"(?i)(?:visited \d{1,9} times?|\d{1,9} visits? today|^\d[\d,.]{0,12}k? "
                r"(?:views?|reads?|shares?|likes?)\W*$|^\d{1,3} min(?:ute)?s? read\W*$"
                r"|^reading time\b)"), "counter"),
    (re.compile(r"(?i)^(?:home|menu|search|skip to (?:main )?content|back to top|top stories"
                r"|related(?: articles| stories| news| content| topics| coverage)?|more from"
                r"\b.{0,50}|more on this story|you (?:may|might) (?:also )?like.{0,20}"
                r"|recommended(?: for you| stories)?|trending(?: now)?|most (?:read|popular|"
                r"viewed|shared)|read more.{0,80}|see more.{0,40}|read next|up next|next"
                r"(?: article| story| post)?|previous(?: article| story| post)?|tags?:.{0,200}"
                r"|topics?:.{0,200}|categor(?:y|ies):.{0,200}|filed under:?.{0,200}"
                r"|close|open|toggle|expand|collapse|log ?in|sign in|register|load more"
                r"|show more|view (?:all|more).{0,40}|click here.{0,80}|(?:©|copyright).{0,200}"
                r"|all rights reserved.{0,80}|privacy policy|terms (?:of|and) (?:use|service|"
                r"conditions)|cookie.{0,120})\W*$"), "navigation"),
    (re.compile(r"(?i)^(?:watch(?: now| live| video| more)?:?|video:?|play video|\d{1,2}:\d\d"
                r"|now playing|watch:.{0,120}|video:.{0,120}|live:? ?updates?)\W*$"),
     "video-teaser"),
]

# Vocabulary of appeals for money, subscriptions and registrations: a strong word is
# needed (support alone is ordinary news vocabulary), plus one more of either kind.
APPEAL_STRONG = re.compile(
    r"(?i)\b(?:contribut(?:e|ion|ions|ing)|donat(?:e|ion|ions|ing)|readers like you"
    r"|paywalls?|journalism|subscri(?:be|ber|bers|ption|ptions)|advertising|membership"
    r"|become a member|free for everyone|once-off|one-off|monthly payment|unlimited access"
    r"|sign up|newsletters?|free trial|premium)\b"
)
APPEAL_WEAK = re.compile(
    r"(?i)\b(?:support(?:ing|ers?)?|our mission|value|inbox|register(?:ed)?|log ?in"
    r"|cookies?|privacy|independent)\b"
)
SECOND_PERSON = re.compile(r"(?i)\b(?:you|your|you've|you're|we|us|our)\b")
BREADCRUMB_SEP = re.compile(r"\s[>|»›•/]\s|\s[>»›]\s?")
ELLIPSIS_END = re.compile(r"(?:\u2026|\.\.\.)\s*$")
# a summary cut off mid-sentence: "... may soon...", "... the […]", "Tuesday...."
TRUNCATED_END = re.compile(r"[\w,]\s?(?:\u2026|\.{3,4}|\[\u2026\]|\[\.\.\.\])\s*$")

# Lines after which a page's article has ended: comment sections.
END_MARKER = re.compile(
    r"(?i)^(?:\[?\s?\d{0,6}\s?(?:comments?|responses?|replies)\s?\]?|(?:top rated |view |show |read"
    r" |all |latest |reader )?comments(?: \(\d+\))?|leave a (?:reply|comment)|join the "
    r"(?:conversation|discussion)|(?:\d+|one|no) (?:thoughts?|responses?) (?:on|to)\b.{0,100}"
    r"|post navigation|(?:about|more about) the author)\W*$"
)
# Headings of link lists (related stories, recirculation): often inside the article too.
LINK_LIST_HEADING = re.compile(
    r"(?i)^(?:related"
    r"(?: articles| stories| posts| news| content| coverage| reading)?|more (?:from|on|in|stories)"
    r"\b.{0,60}|you (?:may|might) (?:also )?(?:like|enjoy|be interested in).{0,20}"
    r"|recommended(?: for you| stories| reading)?|read (?:these |this )?next|up next"
    r"|explore further|share this (?:entry|article|story|post)|our picks"
    r"|don'?t miss|must read|most (?:read|popular|viewed|shared)|trending(?: now| stories)?"
    r"|popular (?:stories|posts|now)|latest (?:news|stories|posts)|also (?:read|see)"
    r"|(?:sponsored|partner) (?:content|stories|links))\W*$"
)
BYLINE = re.compile(r"^(?:[Bb]y|BY|[Ww]ritten by|[Pp]osted by|[Rr]eported by|[Ww]ords by)"
                    r"\s{1,3}[A-Z\u00c0-\u024f][\w.'’-]{0,30}(?:\s{1,3}[\w.'’&-]{1,30}){0,5}"
                    r"(?:\s{0,3}[,|/\-\u2013\u2014].{0,100})?$")
DATELINE = re.compile(
    r"(?i)(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?\s{1,3}"
    r"\d{1,2}\b|\b\d{1,2}\s{1,3}(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}"
    r"\b|\b\d{1,2}:\d{2}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|\b\d{1,3}\s(?:minutes?|hours?|days?|weeks?|months?)\sago\b|^(?:updated|published"
    r"|posted|last (?:updated|modified))\b)"
)
BULLET = re.compile(r"^(?:[*\u2022\u25aa\u25cf\u2023\u2043+o-])\s")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
INNER_PUNCT = re.compile(r"[.,;:!?\u3002\u3001\uff0c\uff1f\uff01]")
DATE_LABEL = re.compile(r"(?i)^(?:updated|published|posted|last (?:updated|modified)|date)\b")
DATE_WORDS = re.compile(
    r"(?i)\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug"
    r"|sep|oct|nov|dec)[a-z]{0,6}\b|\b(?:at|on|am|pm|a\.m|p\.m|gmt|utc|bst|cet|[ecmp][sd]t"
    r"|updated|published|posted|by|ago|\d{1,4}(?:st|nd|rd|th)?)\b"
)
# a link teaser whose title-case headline runs straight into its summary ("DetroitIn the");
# an apostrophe or quote before a capital is no join: "Jim O'Brien", "Direct 'Hunger Games'"
GLUED_TEASER = re.compile(r"^(?:[\"'‘“(]?[A-Z0-9][\w'’,:;&.$?!-]{0,25}\s"
                          r"|(?:of|in|the|and|to|for|a|an|on|at|with|from|by|as|is|vs\.?)\s)"
                          r"{3,20}"
                          r"[\w'’-]{0,21}(?:[a-z]{4}|[a-z]{2,3}[?!'’)]|[0-9?!)])[A-Z]"
                          r"(?:[a-z]|\s[a-z0-9])")
# a line that is only a web address, also as converted text writes it ("http: / / www. x.
# com / news"): a link, not the article's words; matched once the spaces around its
# punctuation are closed up (URL_GAPS)
BARE_URL = re.compile(r"(?i)(?:https?:/{2}|www\.)[^\s/]{1,253}(?:/\S{0,2000})?")
URL_GAPS = re.compile(r"\s*([/.:#?=&_-])\s*")
EMAIL_ADDRESS = re.compile(r"\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}\b")
# "Alex Wong | Getty Images", "J. Scott Applewhite / AP file": photographer and agency
CREDIT_LINE = re.compile(
    r"(?i)[/|]\s{0,2}(?:[\w.' -]{1,40}[/|]\s{0,2}){0,2}(?:ap|reuters|afp|getty images|epa"
    r"|shutterstock|alamy|pa|bloomberg|nurphoto|sipa|zuma|dpa|xinhua|tass|anadolu)"
    r"(?: (?:file|photo|images|via getty images|wire))?\.?$"
)
# teaser links tagged "[VIDEO]", "[PICTURES]", "[INSIGHT]"
TAGGED_TEASER = re.compile(r"\[[A-Z][A-Z ]{2,15}\]\W{0,3}$")
