# ruff: noqa: E501 - invented prose, one fragment a line
"""Invented free text for Northshire's demo feedback, per adult social care theme.

Each theme has fragments for what went wrong (`bad`) and what went well (`good`). The
generator combines one to four fragments from one or two themes, varies the openings and
endings, and now and then misspells a word or drops the punctuation, so that the text reads
like real feedback and a classifier trained on it is not trivially right. Every name, place
and organisation is invented.
"""

from __future__ import annotations

THEMES = [
    "assessment and care planning",
    "reviews",
    "charging and financial assessment",
    "direct payments",
    "home care",
    "residential and nursing care",
    "hospital discharge",
    "carers' support",
    "equipment and adaptations",
    "safeguarding",
    "mental capacity and deprivation of liberty",
    "transitions from children's services",
    "information and advice",
    "communication and being kept informed",
    "staff attitude and conduct",
    "staff knowledge and competence",
    "delays and waiting times",
    "continuity of staff",
    "accessibility and reasonable adjustments",
    "equality and discrimination",
    "commissioned provider quality",
    "transport",
    "positive experience and gratitude",
]

GRATITUDE = "positive experience and gratitude"

FRAGMENTS: dict[str, dict[str, list[str]]] = {
    "assessment and care planning": {
        "bad": [
            "The assessment took one short visit and nobody asked my dad what matters to him.",
            "The care plan says Mum can manage her own medication, which is simply not true.",
            "We were never given a copy of the care and support plan.",
            "The social worker wrote the plan without speaking to me, and I am his main carer.",
            "The needs assessment missed that she cannot get upstairs any more.",
            "My husband's plan was written around what is available, not what he needs.",
            "I asked for a reassessment after my fall and I am still waiting to hear anything.",
            "The assessment focused on what I can't do and ignored the things I want to keep doing.",
        ],
        "good": [
            "The social worker took time to understand what matters to Dad and the plan reflects it.",
            "The assessment was thorough and we felt listened to from start to finish.",
            "Our care plan was explained clearly and we were given a copy the same week.",
            "She built the plan around Mum's routines, including her Sunday church visit.",
        ],
    },
    "reviews": {
        "bad": [
            "Nobody has reviewed my care for over two years even though things have changed a lot.",
            "The annual review was cancelled three times and never rearranged.",
            "The review was done over the phone in ten minutes without speaking to my mother.",
            "We asked for an urgent review when her dementia got worse and nothing happened.",
            "The review increased my hours on paper but the extra visits never started.",
        ],
        "good": [
            "The review picked up that I needed more support and it was in place within a fortnight.",
            "Thank you for a proper review that included the whole family.",
            "The review was quick to arrange after Dad came out of hospital.",
        ],
    },
    "charging and financial assessment": {
        "bad": [
            "My bill went up by £60 a week with no warning and no explanation.",
            "The financial assessment counted my late wife's pension, which stopped last year.",
            "Nobody told us Mum would have to pay towards her care until the invoice arrived.",
            "I have been charged for visits that never happened.",
            "The new charging policy letter was impossible to understand.",
            "They did not take my disability related expenses into account in the financial assessment.",
            "I was sent an invoice for £1,400 of backdated charges without any breakdown.",
            "The financial assessment form is twenty pages long and I got no help to fill it in.",
            "We were told the house would be sold to pay for care, which was wrong and very upsetting.",
            "My contribution was worked out wrongly and it took four months and many calls to fix.",
        ],
        "good": [
            "The financial assessment officer explained the charges clearly and checked I was getting all my benefits.",
            "Thank you for sorting out the invoice error so quickly.",
            "The visiting officer helped me claim Attendance Allowance, which I did not know about.",
        ],
    },
    "direct payments": {
        "bad": [
            "The direct payment paperwork is confusing and the support service never answers.",
            "My direct payment was stopped without warning and I could not pay my personal assistant.",
            "We were told we must return unspent direct payment money without any explanation.",
            "Nobody helped me find a personal assistant, so the direct payment is not much use.",
            "The audit of my direct payment account asked for receipts going back three years.",
        ],
        "good": [
            "The direct payments team helped me set up my account and employ my own PA.",
            "Having a direct payment means I can choose who supports me, and it has changed my life.",
            "Thank you to the direct payments adviser who was patient with all my questions.",
        ],
    },
    "home care": {
        "bad": [
            "The carers are often late and rushed, sometimes only staying ten minutes.",
            "Mum's morning call comes at 11am, so she stays in bed until then.",
            "Two visits were missed last week and nobody told us.",
            "Carers do not read the care notes, so Dad's tablets were missed.",
            "The home care agency keeps changing the times of the calls.",
            "The lunch visit was cancelled and my mother had nothing to eat until tea time.",
        ],
        "good": [
            "The carers who come to Mum are kind and always have time for a chat.",
            "The home care team have been wonderful, always on time and so patient.",
            "My carer goes above and beyond every single day.",
        ],
    },
    "residential and nursing care": {
        "bad": [
            "Dad lost a lot of weight in the care home and nobody told us.",
            "The care home would not let us visit at the weekend without booking days ahead.",
            "My mother's room was not cleaned for a week and her clothes kept going missing.",
            "The nursing home moved my aunt to another room without asking her.",
            "We were given a list of care homes with no vacancies and left to sort it ourselves.",
        ],
        "good": [
            "The staff at the care home have made Mum feel at home, she is eating well again.",
            "The nursing home team cared for Dad with such dignity in his last weeks.",
            "Thank you for finding a care home close enough for us to visit every day.",
        ],
    },
    "hospital discharge": {
        "bad": [
            "Dad was sent home from hospital at 9pm with no care package in place.",
            "Mum was discharged before the equipment she needs was delivered.",
            "My husband was stuck in hospital for three weeks waiting for home care to start.",
            "Nobody from social care spoke to us before Gran was discharged.",
            "The reablement team did not turn up on the first morning after discharge.",
            "We were told Mum had to leave hospital the same day and go to a care home miles away.",
        ],
        "good": [
            "The hospital discharge team got Mum home safely with everything in place.",
            "Reablement after hospital got Dad back on his feet in six weeks.",
            "Thank you to the discharge social worker who kept us informed every day.",
        ],
    },
    "carers' support": {
        "bad": [
            "I have cared for my son for twenty years and nobody has ever offered me a carer's assessment.",
            "I asked for respite months ago and I am exhausted.",
            "The carers' assessment was a form and nothing came of it.",
            "As a carer I feel invisible to social services.",
            "The carers' break I was promised was cancelled at the last minute.",
        ],
        "good": [
            "The carers' assessment led to a weekly break that keeps me going.",
            "Thank you to the carers' support worker who listened to me and really understood.",
            "The carers' group has been a lifeline.",
        ],
    },
    "equipment and adaptations": {
        "bad": [
            "We have waited five months for a stairlift assessment.",
            "The grab rails were fitted in the wrong place and Mum still cannot use the bath.",
            "The hoist was delivered without anyone to show us how to use it safely.",
            "The wheelchair is the wrong size and nobody will come to change it.",
            "We were told the bathroom adaptation would take two years.",
        ],
        "good": [
            "The occupational therapist sorted the equipment quickly and it has made a huge difference.",
            "The walk-in shower means Dad can wash independently again.",
            "Thank you for the key safe and the pendant alarm, we feel much safer.",
        ],
    },
    "safeguarding": {
        "bad": [
            "I raised a safeguarding concern about my neighbour weeks ago and heard nothing back.",
            "We reported bruising on Mum's arms at the care home and nobody investigated properly.",
            "The safeguarding enquiry was closed without anyone speaking to my brother.",
            "I am worried my father is being financially abused by a lodger and no one is acting.",
            "I reported that my uncle's flat was full of rubbish and he is not eating, and nothing happened.",
        ],
        "good": [
            "The safeguarding team acted quickly and made sure my sister was safe.",
            "Thank you for listening when I raised my concerns and keeping me informed.",
            "The safeguarding worker was sensitive and put Dad's wishes first.",
        ],
    },
    "mental capacity and deprivation of liberty": {
        "bad": [
            "Nobody assessed Dad's capacity before deciding he had to move into a care home.",
            "The DoLS authorisation expired months ago and nobody renewed it.",
            "The best interests meeting went ahead without the family being invited.",
            "They said Mum lacks capacity but she was never assessed properly.",
            "We have been waiting over a year for the deprivation of liberty assessment.",
        ],
        "good": [
            "The best interests assessor explained the DoLS process clearly and involved us.",
            "The capacity assessment was done with care and respected Mum's wishes.",
        ],
    },
    "transitions from children's services": {
        "bad": [
            "Our son turned 18 and adult services knew nothing about him.",
            "There was no plan for moving from children's services, everything stopped at 18.",
            "We had to repeat everything to the adult team as if the last ten years never happened.",
            "My daughter left care at 18 and no one helped her with a tenancy or money.",
            "The transition planning started far too late, just weeks before his birthday.",
        ],
        "good": [
            "The transitions worker started planning at 16 so there were no gaps.",
            "Moving to adult services was smooth thanks to the transitions team.",
        ],
    },
    "information and advice": {
        "bad": [
            "It is impossible to find out what help is available on the council website.",
            "I was given the wrong information about paying for care.",
            "I could not get information in large print even though I asked twice.",
            "Nobody could tell me who my social worker is.",
            "The leaflets are out of date and the phone numbers in them do not work.",
            "I was passed between four departments and none of them could answer my question.",
        ],
        "good": [
            "The advice line gave me clear information and pointed me to the right support.",
            "Thank you for the easy read information, it helped my brother understand his options.",
            "The information and advice service helped us understand what to do next.",
        ],
    },
    "communication and being kept informed": {
        "bad": [
            "Nobody returns my calls or emails.",
            "We were not told the social worker had left, we just stopped hearing anything.",
            "I found out about the change to my care from the carers, not from the council.",
            "I have left six messages this month and no one has called back.",
            "The letter arrived after the meeting it was inviting me to.",
            "We were never told the outcome of the assessment.",
        ],
        "good": [
            "The social worker kept us informed every step of the way.",
            "Always a quick reply to my emails, thank you.",
            "We were told exactly what would happen and when, which helped a lot.",
        ],
    },
    "staff attitude and conduct": {
        "bad": [
            "The social worker was rude and dismissive when I tried to explain.",
            "I was spoken to as if I was stupid.",
            "The officer on the phone laughed when I got upset.",
            "The worker talked about my mum in front of her as if she was not there.",
            "The manager shouted at me in the meeting.",
        ],
        "good": [
            "Everyone we met was kind, respectful and patient.",
            "The social worker treated Mum with such dignity.",
            "She was compassionate and made us feel we mattered.",
            "The staff were polite and helpful from the first phone call.",
        ],
    },
    "staff knowledge and competence": {
        "bad": [
            "The worker did not know the basics of the Care Act.",
            "The assessor did not understand autism at all.",
            "Staff gave us contradictory advice and clearly did not know the policy.",
            "The social worker did not seem to know what services exist in our area.",
            "The officer could not explain how my charge was worked out.",
        ],
        "good": [
            "The social worker really knew her stuff and explained our rights.",
            "The occupational therapist was very knowledgeable and practical.",
            "The financial assessment officer clearly understood the rules and explained them well.",
        ],
    },
    "delays and waiting times": {
        "bad": [
            "We waited four months for an assessment.",
            "I have been on the waiting list since January.",
            "It took six weeks just to get a call back.",
            "Everything takes forever and meanwhile my mother is struggling.",
            "We are still waiting for a decision after eight weeks.",
        ],
        "good": [
            "We were seen within a week, much faster than expected.",
            "The response was very quick.",
        ],
    },
    "continuity of staff": {
        "bad": [
            "We have had five different social workers in a year.",
            "A different carer every day, Dad never knows who is coming.",
            "Every time we get used to a worker they leave and we start again.",
            "There is no named worker, we speak to whoever picks up.",
        ],
        "good": [
            "Having the same carers every week has made such a difference to Mum.",
            "It helps that we have had the same social worker throughout.",
        ],
    },
    "accessibility and reasonable adjustments": {
        "bad": [
            "I am deaf and asked for a BSL interpreter but the assessment went ahead without one.",
            "The letters are not available in easy read.",
            "The office is not wheelchair accessible so I could not attend the meeting.",
            "I asked for information in braille and was told it is not possible.",
            "I have a learning disability and no one explained things in a way I could understand.",
            "The online form does not work with my screen reader.",
        ],
        "good": [
            "Thank you for arranging a BSL interpreter for every visit.",
            "The easy read letters helped my son understand his plan.",
            "The staff made the meeting accessible for me and I felt included.",
        ],
    },
    "equality and discrimination": {
        "bad": [
            "I felt I was treated differently because of my race.",
            "The worker made assumptions about our family because we are Muslim.",
            "My partner was not recognised as my next of kin because we are a same sex couple.",
            "Because of my age I was not offered the same options as younger people.",
            "No interpreter was offered and my mother does not speak English.",
        ],
        "good": [
            "The team respected our culture and faith throughout.",
            "Thank you for providing an interpreter so Mum could take part fully.",
        ],
    },
    "commissioned provider quality": {
        "bad": [
            "Meadowbank Care Home is understaffed and residents are left waiting for help.",
            "The agency Oakfield Home Care sends untrained staff.",
            "The provider's managers never answer our complaints.",
            "Riverside Nursing Home has had the same problems for months and the council keeps placing people there.",
            "Brightpath Homecare cancelled the whole package with a week's notice.",
        ],
        "good": [
            "Willow Lodge is a lovely home with caring staff.",
            "Brightpath Homecare have been excellent, reliable and friendly.",
            "The provider worked well with the council to get things right.",
        ],
    },
    "transport": {
        "bad": [
            "The transport to the day centre did not turn up three times this month.",
            "My son was left waiting outside in the cold for the minibus.",
            "Transport to the day service was withdrawn without consultation.",
            "The taxi firm would not take Mum's wheelchair.",
        ],
        "good": [
            "The drivers on the day centre bus are so friendly and careful.",
            "Transport has been reliable, thank you.",
        ],
    },
    GRATITUDE: {
        "good": [
            "Thank you so much for everything you have done for our family.",
            "I just wanted to say a huge thank you.",
            "We could not have managed without you.",
            "Please pass on our thanks to the whole team.",
            "You have made a real difference to Mum's life.",
            "Thank you, thank you, thank you!",
        ],
        "bad": [],
    },
}

OPENINGS_BAD = [
    "",
    "",
    "I want to make a complaint. ",
    "I am writing on behalf of my mother. ",
    "I am very unhappy. ",
    "This is not the first time I have raised this. ",
    "To whom it may concern, ",
    "I am writing about my father's care. ",
    "Complaint: ",
    "I am really upset and angry. ",
]
OPENINGS_GOOD = [
    "",
    "",
    "I wanted to write to say thank you. ",
    "Just a quick note. ",
    "On behalf of all our family, ",
    "I don't usually write in but ",
]
ENDINGS_BAD = [
    "",
    "",
    "",
    " Please can someone call me.",
    " I want an apology and for this to be put right.",
    " I expect a full response.",
    " Nobody seems to care.",
    " This cannot go on.",
    " I would like to know what will be done so it does not happen to anyone else.",
]
ENDINGS_GOOD = ["", "", " Keep up the good work.", " Thank you again.", " Much appreciated."]
COMMENT_OPENINGS = [
    "",
    "Just a comment: ",
    "I am not complaining but ",
    "A concern I wanted to raise. ",
    "Some feedback. ",
]
SURVEY_SHORT_BAD = [
    "could be better",
    "not enough information",
    "long wait",
    "staff ok but slow",
    "didn't know who to contact",
]
SURVEY_SHORT_GOOD = ["very good", "happy with my care", "all fine", "excellent", "no complaints"]

MISSPELLINGS = {
    "received": "recieved",
    "definitely": "definately",
    "separate": "seperate",
    "accommodation": "accomodation",
    "until": "untill",
    "which": "wich",
    "their": "there",
    "because": "becuase",
    "assessment": "assesment",
    "occasionally": "ocasionally",
    "weeks": "weks",
    "appointment": "appointmant",
    "wheelchair": "wheel chair",
    "social worker": "socail worker",
    "carers": "cares",
    "nobody": "no body",
}
