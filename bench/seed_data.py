"""Fixed content for seeding the service: an outdoor-gear shop's FAQ and its visitors' questions.

The questions paraphrase FAQ entries, so knowledge retrieval has real matches to find, both in
the 40-item knowledge base and among the synthetic distractors of the 100,000-item one.
"""

BENCH_PASSWORD = "Trail-Bench-Passw0rd!"
LOGIN_USER_COUNT = 20
SEND_CONVERSATION_COUNT = 200

# (question, answer, tags) for one shop.
KNOWLEDGE_ITEMS: list[tuple[str, str, list[str]]] = [
    (
        "How long does standard shipping take?",
        "Standard shipping takes 3 to 5 business days within the country. Orders placed "
        "before 2 pm ship the same day.",
        ["shipping"],
    ),
    (
        "Do you offer express delivery?",
        "Yes. Express delivery arrives in 1 to 2 business days and costs 12.90 EUR. "
        "Choose it at checkout.",
        ["shipping"],
    ),
    (
        "Is shipping free?",
        "Shipping is free for orders over 75 EUR. Below that, standard shipping costs 4.90 EUR.",
        ["shipping", "pricing"],
    ),
    (
        "Do you ship internationally?",
        "We ship to all EU countries, the United Kingdom, Switzerland and Norway. "
        "Customs fees outside the EU are paid by the recipient.",
        ["shipping"],
    ),
    (
        "How can I track my order?",
        "You receive a tracking link by email as soon as the parcel leaves our warehouse. "
        "You can also find it under My account > Orders.",
        ["orders", "shipping"],
    ),
    (
        "Can I change my delivery address after ordering?",
        "You can change the address within one hour of ordering from My account > Orders. "
        "After that, contact support and we will try to redirect the parcel.",
        ["orders"],
    ),
    (
        "Can I cancel my order?",
        "Orders can be cancelled free of charge until they are shipped. Use the Cancel "
        "button on the order page or write to support.",
        ["orders"],
    ),
    (
        "What is your return policy?",
        "You can return unused items in their original packaging within 30 days of delivery "
        "for a full refund.",
        ["returns"],
    ),
    (
        "How do I return an item?",
        "Start the return under My account > Orders, print the prepaid label and drop the "
        "parcel at any post office.",
        ["returns"],
    ),
    (
        "How long does a refund take?",
        "Refunds are issued within 5 business days after the returned item reaches our "
        "warehouse, to the original payment method.",
        ["returns", "payments"],
    ),
    (
        "Can I exchange a product for a different size?",
        "Yes. Choose Exchange instead of Return when you start the return, and we send "
        "the new size as soon as the original ships back.",
        ["returns", "sizing"],
    ),
    (
        "Are returns free?",
        "Returns within the country are free. International returns cost 9.90 EUR, "
        "deducted from the refund.",
        ["returns", "pricing"],
    ),
    (
        "Which payment methods do you accept?",
        "We accept Visa, Mastercard, American Express, PayPal, Apple Pay, Google Pay and "
        "bank transfer.",
        ["payments"],
    ),
    (
        "Can I pay in instalments?",
        "Orders over 150 EUR can be paid in 3 interest-free monthly instalments through "
        "our payment partner at checkout.",
        ["payments"],
    ),
    (
        "Why was my payment declined?",
        "Payments are usually declined because of a wrong billing address, an expired card "
        "or a bank limit. Check the details or try another method.",
        ["payments"],
    ),
    (
        "Do you send invoices?",
        "An invoice in PDF is attached to the shipping confirmation email and can be "
        "downloaded from the order page.",
        ["payments", "orders"],
    ),
    (
        "Do you have a size guide for hiking boots?",
        "Each boot page has a size guide in EU, UK and US sizes. Measure your foot in the "
        "evening and add 1 cm for thick hiking socks.",
        ["sizing", "footwear"],
    ),
    (
        "How do your jackets fit?",
        "Our jackets have a regular fit with room for a fleece underneath. If you are "
        "between sizes, take the smaller one for a closer fit.",
        ["sizing", "clothing"],
    ),
    (
        "Are your rain jackets waterproof?",
        "Our rain jackets have a 20,000 mm waterproof rating and taped seams. They keep "
        "you dry in heavy rain for several hours.",
        ["clothing"],
    ),
    (
        "How do I wash a down jacket?",
        "Wash down jackets at 30 degrees with a down-specific detergent, then tumble dry "
        "on low heat with two clean tennis balls.",
        ["care", "clothing"],
    ),
    (
        "How do I reproof a waterproof jacket?",
        "Wash the jacket, then apply a spray-on or wash-in DWR treatment and tumble dry "
        "on low heat to reactivate it.",
        ["care", "clothing"],
    ),
    (
        "What is the warranty on tents?",
        "All tents come with a 3-year warranty against manufacturing defects. Poles and "
        "zips are covered too.",
        ["warranty", "tents"],
    ),
    (
        "How do I make a warranty claim?",
        "Send a photo of the defect and your order number to support. We repair or replace "
        "the item, and we pay the shipping.",
        ["warranty"],
    ),
    (
        "Do you repair damaged gear?",
        "Our workshop repairs tents, jackets and sleeping bags. Costs start at 15 EUR and "
        "we send a quote before any work.",
        ["repairs"],
    ),
    (
        "Which tent is best for two people?",
        "For two people we recommend the Ridgeline 2: it weighs 1.8 kg, has two doors and "
        "sets up in about 5 minutes.",
        ["tents", "advice"],
    ),
    (
        "What temperature rating should my sleeping bag have?",
        "Choose a bag whose comfort rating is at least 5 degrees below the coldest night "
        "you expect.",
        ["sleeping-bags", "advice"],
    ),
    (
        "Do you rent equipment?",
        "We rent tents, backpacks and snowshoes from our Munich store. Rentals start at "
        "10 EUR per day and need a deposit.",
        ["rentals"],
    ),
    (
        "Where are your stores?",
        "We have stores in Munich, Innsbruck and Zurich. Addresses and opening hours are "
        "on the Stores page.",
        ["stores"],
    ),
    (
        "What are your store opening hours?",
        "Our stores are open Monday to Saturday from 9 am to 7 pm, and closed on Sundays "
        "and public holidays.",
        ["stores"],
    ),
    (
        "Can I pick up my order in a store?",
        "Yes. Choose Click and Collect at checkout. Your order is ready for pickup within "
        "2 hours during opening hours.",
        ["stores", "orders"],
    ),
    (
        "How can I contact customer support?",
        "Write to support@example.com or call +49 89 1234 5678 from Monday to Friday, "
        "8 am to 6 pm. We answer emails within 24 hours.",
        ["support"],
    ),
    (
        "Do you offer gift cards?",
        "Gift cards are available from 10 EUR to 500 EUR, as a printable PDF or a plastic "
        "card, and are valid for 3 years.",
        ["gift-cards"],
    ),
    (
        "How do I use a discount code?",
        "Enter the code in the Discount code field in your cart before checkout. Only one "
        "code can be used per order.",
        ["pricing", "promotions"],
    ),
    (
        "Do you have a student discount?",
        "Students get 10 percent off full-price items after verifying their student status "
        "in their account.",
        ["pricing", "promotions"],
    ),
    (
        "Do you match prices?",
        "We match the price of authorised retailers for identical items in stock. Send us "
        "a link within 14 days of purchase.",
        ["pricing"],
    ),
    (
        "How do I reset my password?",
        "Click Forgot password on the login page and follow the link we email you. The link "
        "is valid for 1 hour.",
        ["account"],
    ),
    (
        "How do I delete my account?",
        "Go to My account > Privacy and choose Delete account. We erase your personal data "
        "within 30 days, except invoices we must keep.",
        ["account", "privacy"],
    ),
    (
        "Do you have a loyalty programme?",
        "Members collect 1 point per euro spent. 500 points give a 10 EUR voucher, and "
        "members get early access to sales.",
        ["loyalty"],
    ),
    (
        "Are your products sustainable?",
        "Over 60 percent of our clothing uses recycled or organic materials, and all down "
        "is certified to the Responsible Down Standard.",
        ["sustainability"],
    ),
    (
        "Is an item out of stock coming back?",
        "Click Notify me on the product page and we email you as soon as it is back in "
        "stock. Most items are restocked within 4 weeks.",
        ["stock"],
    ),
]

# Visitor questions in the wording a shop visitor would type; each paraphrases one FAQ entry.
VISITOR_QUESTIONS: list[str] = [
    "how long will shipping take to my place?",
    "Can I send back boots that don't fit?",
    "do you take paypal",
    "My rain jacket leaks, is there a warranty?",
    "When is the Munich store open on saturday?",
    "Is delivery free if I spend 100 euros?",
    "how do i wash my down jacket without ruining it",
    "which tent would you recommend for two people hiking",
    "I forgot my password, what do I do?",
    "Can I get my money back, and how long does the refund take?",
    "Where can I track my parcel?",
    "Is there a discount for students?",
]
