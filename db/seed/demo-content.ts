/**
 * Demo content for seeding an Alap workspace with ~30 days of realistic history
 * for "Dokan Bazar", a Bangladeshi multi-vendor e-commerce marketplace.
 *
 * Pure data: no imports, no side effects. The seeder is responsible for
 * spreading conversations over time, picking customers, and substituting
 * the tokens below.
 *
 * Tokens used inside script text:
 *   {order}   -> a real order number of the conversation's customer, e.g. DB-240123
 *   {product} -> a product name (English `name` for 'en'/'banglish', `nameBn` for 'bn'
 *                is nicest, but either reads fine)
 *
 * Invariants (checked by hand and by a small script while writing this file):
 *   - every script has 2–8 lines and starts with a customer line
 *   - `needsOrder` is true exactly when some line contains {order}
 *   - `needsProduct` is true exactly when some line contains {product}
 *   - scripts with a `vendor` only mention products of that vendor, and if
 *     `productCategories` is set the product should come from one of those categories
 *   - Bengali text is NFC-normalised
 */

export type Lang = 'en' | 'bn' | 'banglish';

export type DemoVendor = 'rangdhanu' | 'gadgetghor';

export type DemoProduct = {
  sku: string;
  name: string;
  nameBn: string;
  priceBdt: number;
  vendor: DemoVendor | null;
  category: string;
};

export type DemoLine = { from: 'customer' | 'agent' | 'vendor'; text: string };

export type DemoTopic =
  | 'order_status'
  | 'delivery_delay'
  | 'refund'
  | 'return'
  | 'payment'
  | 'product_question'
  | 'account'
  | 'complaint'
  | 'cancel'
  | 'praise';

export type DemoScript = {
  lang: Lang;
  topic: DemoTopic;
  team: 'orders' | 'payments' | 'general'; // which support team should own it
  vendor?: DemoVendor; // set when the question is for the seller of a product
  needsProduct?: boolean;
  needsOrder?: boolean;
  priority?: 'low' | 'medium' | 'high' | 'urgent';
  /**
   * Optional hint for the seeder: when `needsProduct` is set, the text reads
   * best with a product from one of these categories (see `products[].category`).
   */
  productCategories?: string[];
  lines: DemoLine[]; // 2–8 lines, alternating naturally, first line from the customer
};

// ---------------------------------------------------------------------------
// Vendors (sellers on the marketplace)
// ---------------------------------------------------------------------------

export const vendors: { slug: DemoVendor; name: string; nameBn: string; city: string }[] = [
  { slug: 'rangdhanu', name: 'Rangdhanu Fashion House', nameBn: 'রংধনু ফ্যাশন হাউস', city: 'Dhaka' },
  { slug: 'gadgetghor', name: 'GadgetGhor', nameBn: 'গ্যাজেটঘর', city: 'Dhaka' },
];

// ---------------------------------------------------------------------------
// Products
// ---------------------------------------------------------------------------

export const categories = {
  saree: 'saree',
  panjabi: 'panjabi',
  womensWear: 'womens-wear',
  mensWear: 'mens-wear',
  phone: 'phone',
  earbuds: 'earbuds',
  powerBank: 'power-bank',
  accessories: 'accessories',
  smartwatch: 'smartwatch',
  grocery: 'grocery',
  homeAppliance: 'home-appliance',
  household: 'household',
} as const;

const CLOTHES_WITH_SIZE = ['panjabi', 'womens-wear', 'mens-wear'];
const GADGETS = ['phone', 'earbuds', 'power-bank', 'accessories', 'smartwatch'];
const GROCERY = ['grocery'];
const HOME = ['home-appliance'];

export const products: DemoProduct[] = [
  // --- Rangdhanu Fashion House: sarees, panjabis, everyday wear ---
  { sku: 'RD-SAR-001', name: 'Tangail Cotton Saree', nameBn: 'টাঙ্গাইল সুতি শাড়ি', priceBdt: 2450, vendor: 'rangdhanu', category: 'saree' },
  { sku: 'RD-SAR-002', name: 'Dhakai Jamdani Saree (Half Silk)', nameBn: 'ঢাকাই জামদানি শাড়ি (হাফ সিল্ক)', priceBdt: 7800, vendor: 'rangdhanu', category: 'saree' },
  { sku: 'RD-SAR-003', name: 'Rajshahi Silk Saree', nameBn: 'রাজশাহী সিল্ক শাড়ি', priceBdt: 8950, vendor: 'rangdhanu', category: 'saree' },
  { sku: 'RD-SAR-004', name: 'Printed Georgette Saree', nameBn: 'প্রিন্টেড জর্জেট শাড়ি', priceBdt: 1790, vendor: 'rangdhanu', category: 'saree' },
  { sku: 'RD-PAN-001', name: "Men's Cotton Panjabi – White", nameBn: 'ছেলেদের সুতি পাঞ্জাবি – সাদা', priceBdt: 1650, vendor: 'rangdhanu', category: 'panjabi' },
  { sku: 'RD-PAN-002', name: 'Eid Special Embroidered Panjabi', nameBn: 'ঈদ স্পেশাল এমব্রয়ডারি পাঞ্জাবি', priceBdt: 2890, vendor: 'rangdhanu', category: 'panjabi' },
  { sku: 'RD-PAN-003', name: 'Kids Panjabi & Pajama Set', nameBn: 'বাচ্চাদের পাঞ্জাবি-পায়জামা সেট', priceBdt: 1190, vendor: 'rangdhanu', category: 'panjabi' },
  { sku: 'RD-KAM-001', name: 'Three-Piece Salwar Kameez (Unstitched)', nameBn: 'থ্রি-পিস সালোয়ার কামিজ (আনস্টিচড)', priceBdt: 1850, vendor: 'rangdhanu', category: 'womens-wear' },
  { sku: 'RD-KUR-001', name: 'Block Print Cotton Kurti', nameBn: 'ব্লক প্রিন্ট সুতি কুর্তি', priceBdt: 950, vendor: 'rangdhanu', category: 'womens-wear' },
  { sku: 'RD-HIJ-001', name: 'Georgette Hijab (Pack of 2)', nameBn: 'জর্জেট হিজাব (২টির প্যাক)', priceBdt: 490, vendor: 'rangdhanu', category: 'womens-wear' },
  { sku: 'RD-FTU-001', name: "Men's Handloom Fatua", nameBn: 'ছেলেদের তাঁতের ফতুয়া', priceBdt: 780, vendor: 'rangdhanu', category: 'mens-wear' },
  { sku: 'RD-LUN-001', name: 'Pabna Check Lungi', nameBn: 'পাবনার চেক লুঙ্গি', priceBdt: 620, vendor: 'rangdhanu', category: 'mens-wear' },

  // --- GadgetGhor: phones, earbuds, power banks, accessories ---
  { sku: 'GG-PH-001', name: 'Xiaomi Redmi Note 13 (8/128GB)', nameBn: 'শাওমি রেডমি নোট ১৩ (৮/১২৮ জিবি)', priceBdt: 24999, vendor: 'gadgetghor', category: 'phone' },
  { sku: 'GG-PH-002', name: 'Samsung Galaxy A15 (6/128GB)', nameBn: 'স্যামসাং গ্যালাক্সি এ১৫ (৬/১২৮ জিবি)', priceBdt: 20999, vendor: 'gadgetghor', category: 'phone' },
  { sku: 'GG-PH-003', name: 'realme C67 (8/128GB)', nameBn: 'রিয়েলমি সি৬৭ (৮/১২৮ জিবি)', priceBdt: 19499, vendor: 'gadgetghor', category: 'phone' },
  { sku: 'GG-PH-004', name: 'Walton NEXG N25 (4/128GB)', nameBn: 'ওয়ালটন নেক্সজি এন২৫ (৪/১২৮ জিবি)', priceBdt: 12999, vendor: 'gadgetghor', category: 'phone' },
  { sku: 'GG-EB-001', name: 'QCY T13 ANC Earbuds', nameBn: 'কিউসিওয়াই টি১৩ এএনসি ইয়ারবাডস', priceBdt: 2450, vendor: 'gadgetghor', category: 'earbuds' },
  { sku: 'GG-EB-002', name: 'Lenovo LP40 Pro Earbuds', nameBn: 'লেনোভো এলপি৪০ প্রো ইয়ারবাডস', priceBdt: 1150, vendor: 'gadgetghor', category: 'earbuds' },
  { sku: 'GG-EB-003', name: 'realme Buds T110', nameBn: 'রিয়েলমি বাডস টি১১০', priceBdt: 2799, vendor: 'gadgetghor', category: 'earbuds' },
  { sku: 'GG-PB-001', name: 'Xiaomi 20000mAh Power Bank 3i', nameBn: 'শাওমি ২০০০০ এমএএইচ পাওয়ার ব্যাংক ৩আই', priceBdt: 2350, vendor: 'gadgetghor', category: 'power-bank' },
  { sku: 'GG-PB-002', name: 'Baseus 10000mAh 22.5W Power Bank', nameBn: 'বেসিয়াস ১০০০০ এমএএইচ ২২.৫ ওয়াট পাওয়ার ব্যাংক', priceBdt: 2190, vendor: 'gadgetghor', category: 'power-bank' },
  { sku: 'GG-CH-001', name: 'Anker 20W USB-C Fast Charger', nameBn: 'অ্যাঙ্কার ২০ ওয়াট ইউএসবি-সি ফাস্ট চার্জার', priceBdt: 1590, vendor: 'gadgetghor', category: 'accessories' },
  { sku: 'GG-CB-001', name: 'UGREEN USB-C to USB-C Cable (1m)', nameBn: 'ইউগ্রিন ইউএসবি-সি কেবল (১ মিটার)', priceBdt: 450, vendor: 'gadgetghor', category: 'accessories' },
  { sku: 'GG-SW-001', name: 'Haylou Solar Plus Smart Watch', nameBn: 'হাইলু সোলার প্লাস স্মার্টওয়াচ', priceBdt: 3990, vendor: 'gadgetghor', category: 'smartwatch' },

  // --- Dokan Bazar own stock: groceries & home (no vendor) ---
  { sku: 'GR-RIC-001', name: 'Miniket Rice 5kg', nameBn: 'মিনিকেট চাল ৫ কেজি', priceBdt: 420, vendor: null, category: 'grocery' },
  { sku: 'GR-OIL-001', name: 'Rupchanda Soybean Oil 5L', nameBn: 'রূপচাঁদা সয়াবিন তেল ৫ লিটার', priceBdt: 852, vendor: null, category: 'grocery' },
  { sku: 'GR-DAL-001', name: 'Moshur Dal (Red Lentil) 1kg', nameBn: 'মসুর ডাল ১ কেজি', priceBdt: 135, vendor: null, category: 'grocery' },
  { sku: 'GR-ATA-001', name: 'Fresh Chakki Atta 2kg', nameBn: 'ফ্রেশ চাক্কি আটা ২ কেজি', priceBdt: 130, vendor: null, category: 'grocery' },
  { sku: 'GR-TEA-001', name: 'Ispahani Mirzapore Best Leaf Tea 400g', nameBn: 'ইস্পাহানি মির্জাপুর বেস্ট লিফ চা ৪০০ গ্রাম', priceBdt: 230, vendor: null, category: 'grocery' },
  { sku: 'GR-MLK-001', name: 'Marks Full Cream Milk Powder 500g', nameBn: 'মার্কস ফুল ক্রিম গুঁড়া দুধ ৫০০ গ্রাম', priceBdt: 440, vendor: null, category: 'grocery' },
  { sku: 'GR-EGG-001', name: 'Farm Fresh Eggs (12 pcs)', nameBn: 'ফার্মের ডিম (১২টি)', priceBdt: 155, vendor: null, category: 'grocery' },
  { sku: 'GR-ONI-001', name: 'Deshi Onion 1kg', nameBn: 'দেশি পেঁয়াজ ১ কেজি', priceBdt: 110, vendor: null, category: 'grocery' },
  { sku: 'HM-RCK-001', name: 'Miyako Rice Cooker 1.8L', nameBn: 'মিয়াকো রাইস কুকার ১.৮ লিটার', priceBdt: 2650, vendor: null, category: 'home-appliance' },
  { sku: 'HM-BLN-001', name: 'Vision 3-in-1 Blender 750W', nameBn: 'ভিশন ৩-ইন-১ ব্লেন্ডার ৭৫০ ওয়াট', priceBdt: 3200, vendor: null, category: 'home-appliance' },
  { sku: 'HM-FAN-001', name: 'Walton Ceiling Fan 56"', nameBn: 'ওয়ালটন সিলিং ফ্যান ৫৬ ইঞ্চি', priceBdt: 3450, vendor: null, category: 'home-appliance' },
  { sku: 'HM-NET-001', name: 'Mosquito Net – Double Bed', nameBn: 'মশারি – ডাবল বেড', priceBdt: 750, vendor: null, category: 'household' },
];

// ---------------------------------------------------------------------------
// Customers
// ---------------------------------------------------------------------------

export const customerNames: { name: string; email?: string; phone?: string }[] = [
  { name: 'Tanvir Ahmed', email: 'tanvir.ahmed92@gmail.com', phone: '+8801712345678' },
  { name: 'Nusrat Jahan', email: 'nusrat.jahan@yahoo.com', phone: '+8801819234567' },
  { name: 'রফিকুল ইসলাম', phone: '+8801911456723' },
  { name: 'Farhana Akter', email: 'farhana.akter.dhk@gmail.com', phone: '+8801556782341' },
  { name: 'সাকিব হাসান', email: 'sakib.hasan@outlook.com', phone: '+8801613908452' },
  { name: 'Mahmudul Hasan', email: 'mahmud.hasan.ctg@gmail.com', phone: '+8801309876543' },
  { name: 'তাসলিমা বেগম', phone: '+8801745612098' },
  { name: 'Arif Hossain', email: 'arif.hossain.bd@gmail.com', phone: '+8801876543210' },
  { name: 'Sadia Islam', email: 'sadia.islam.sylhet@gmail.com', phone: '+8801521348907' },
  { name: 'মোঃ কামরুল হাসান', phone: '+8801990234561' },
  { name: 'Rakibul Hasan Rakib', email: 'rakib.rh@gmail.com', phone: '+8801403215678' },
  { name: 'Sumaiya Rahman', email: 'sumaiya.rahman@northsouth.edu', phone: '+8801678123490' },
  { name: 'ফারজানা ইয়াসমিন', email: 'farzana.yasmin85@gmail.com', phone: '+8801714987032' },
  { name: 'Imran Khan Chowdhury', email: 'imran.chowdhury@gmail.com', phone: '+8801823456091' },
  { name: 'Jannatul Ferdous', email: 'jannatul.ferdous.mim@gmail.com' },
  { name: 'আব্দুল্লাহ আল মামুন', phone: '+8801305671289' },
  { name: 'Shahriar Kabir', email: 'shahriar.kabir@yahoo.com', phone: '+8801911872304' },
  { name: 'Tahmina Sultana', email: 'tahmina.sultana@gmail.com', phone: '+8801556019283' },
  { name: 'মেহেদী হাসান', phone: '+8801787345120' },
  { name: 'Anika Tabassum', email: 'anika.tabassum99@gmail.com', phone: '+8801619283746' },
  { name: 'Md. Shafiqul Islam', phone: '+8801712098345' },
  { name: 'নাফিসা তাবাসসুম', email: 'nafisa.t@gmail.com', phone: '+8801840567213' },
  { name: 'Rashed Karim', email: 'rashed.karim@hotmail.com', phone: '+8801309182736' },
  { name: 'Mim Akter', phone: '+8801993451026' },
  { name: 'জাহিদুল ইসলাম', email: 'zahidul.islam.raj@gmail.com', phone: '+8801722610934' },
  { name: 'Fahim Shahriar', email: 'fahim.shahriar@gmail.com', phone: '+8801534890127' },
  { name: 'Rumana Afroz', email: 'rumana.afroz@yahoo.com', phone: '+8801678450912' },
  { name: 'সুমন মিয়া', phone: '+8801406723815' },
  { name: 'Ayesha Siddiqua', email: 'ayesha.siddiqua@gmail.com', phone: '+8801817203948' },
  { name: 'Habibur Rahman', email: 'habib.rahman.khulna@gmail.com', phone: '+8801915634207' },
  { name: 'শারমিন সুলতানা', email: 'sharmin.sultana@gmail.com', phone: '+8801751298403' },
  { name: 'Nazmul Huda', phone: '+8801323908176' },
  { name: 'Lamia Chowdhury', email: 'lamia.chowdhury@outlook.com', phone: '+8801612457830' },
  { name: 'মোস্তাফিজুর রহমান', phone: '+8801889014523' },
  { name: 'Tasnim Ara', email: 'tasnim.ara@gmail.com', phone: '+8801558736190' },
  { name: 'Sabbir Ahmed', email: 'sabbir.ahmed.dev@gmail.com', phone: '+8801717650349' },
  { name: 'রুবিনা খাতুন', phone: '+8801943108275' },
  { name: 'Kazi Tanjim', email: 'kazi.tanjim@gmail.com' },
  { name: 'Mithila Das', email: 'mithila.das@gmail.com', phone: '+8801685321407' },
  { name: 'অনিক দত্ত', email: 'anik.dutta.ctg@gmail.com', phone: '+8801829076354' },
  { name: 'Riaz Uddin', phone: '+8801308457612' },
  { name: 'Priyanka Saha', email: 'priyanka.saha@yahoo.com', phone: '+8801715890246' },
  { name: 'তানজিলা আক্তার', phone: '+8801567902834' },
  { name: 'Ashraful Alam', email: 'ashraful.alam@gmail.com', phone: '+8801916530478' },
  { name: 'Shirin Akhter', email: 'shirin.akhter.bd@gmail.com', phone: '+8801403987615' },
  { name: 'হাসান মাহমুদ', email: 'hasan.mahmud@gmail.com', phone: '+8801759340128' },
  { name: 'Moin Uddin', phone: '+8801875209341' },
  { name: 'Fatema Tuz Zohra', email: 'fatema.zohra@gmail.com', phone: '+8801632078915' },
  { name: 'জান্নাতুল নাঈম', phone: '+8801998123064' },
  { name: 'Towhid Islam', email: 'towhid.islam@gmail.com', phone: '+8801305849721' },
  { name: 'Rifat Hossain', email: 'rifat.hossain.sylhet@gmail.com', phone: '+8801712560893' },
  { name: 'Shanta Moni', phone: '+8801540318269' },
  { name: 'প্রিয়াঙ্কা রায়', email: 'priyanka.roy@gmail.com', phone: '+8801820954316' },
  { name: 'Zubair Rahman', email: 'zubair.r@outlook.com', phone: '+8801674203581' },
  { name: 'Nadia Haque', email: 'nadia.haque@gmail.com', phone: '+8801917462035' },
  { name: 'মাসুদ রানা', phone: '+8801786019432' },
  { name: 'Sharif Hossain', email: 'sharif.hossain.mymensingh@gmail.com', phone: '+8801329675104' },
  { name: 'Israt Jahan Eva', email: 'israt.eva@gmail.com', phone: '+8801651834092' },
  { name: 'সাবরিনা ইসলাম', email: 'sabrina.islam@yahoo.com', phone: '+8801713478250' },
  { name: 'Abu Bakar Siddique', phone: '+8801850126743' },
];

// ---------------------------------------------------------------------------
// Conversation scripts
// ---------------------------------------------------------------------------

const en: DemoScript[] = [
  {
    lang: 'en', topic: 'order_status', team: 'orders', needsOrder: true, priority: 'medium',
    lines: [
      { from: 'customer', text: 'Hi, I placed order {order} four days ago and the status still says "Processing". When will it ship?' },
      { from: 'agent', text: 'Hello! Thanks for reaching out. Let me check {order} for you.' },
      { from: 'agent', text: 'Your order was packed yesterday and handed over to RedX this morning. Inside Dhaka it should reach you within 1–2 days.' },
      { from: 'customer', text: 'Great, thanks. Will I get a tracking link?' },
      { from: 'agent', text: "Yes, you'll get an SMS with the RedX tracking link later today." },
    ],
  },
  {
    lang: 'en', topic: 'delivery_delay', team: 'orders', needsOrder: true, priority: 'high',
    lines: [
      { from: 'customer', text: "My order {order} was supposed to reach Chattogram by Sunday. It's Wednesday now. What is going on?" },
      { from: 'agent', text: "I'm sorry about the delay. I can see the parcel is at the Steadfast hub in Agrabad, Chattogram." },
      { from: 'customer', text: "Then why hasn't anyone called me?" },
      { from: 'agent', text: "The rider tried once on Monday but couldn't get through. I've asked the hub to re-attempt delivery tomorrow before 2 PM and to call the number on your account." },
      { from: 'customer', text: 'Okay. Please make sure it actually happens this time.' },
    ],
  },
  {
    lang: 'en', topic: 'refund', team: 'payments', needsOrder: true, needsProduct: true, priority: 'high',
    lines: [
      { from: 'customer', text: 'I returned {product} last week and was told the refund would go to my bKash. Still nothing. Order {order}.' },
      { from: 'agent', text: 'Let me check the refund status for {order}.' },
      { from: 'agent', text: 'The return reached our warehouse on Tuesday and the full refund was approved today. bKash refunds usually land within 3–5 working days.' },
      { from: 'customer', text: 'Will it come to the same bKash number I paid from?' },
      { from: 'agent', text: 'Yes, it goes back to the same bKash wallet you used for the payment.' },
    ],
  },
  {
    lang: 'en', topic: 'payment', team: 'payments', needsOrder: true, priority: 'urgent',
    lines: [
      { from: 'customer', text: 'URGENT: bKash deducted the money TWICE for order {order}! I have two transaction IDs. Please fix this.' },
      { from: 'agent', text: "I'm sorry for the trouble. Could you share both transaction IDs?" },
      { from: 'customer', text: 'BKA8N7A6B2K1 and BKA8N7A6B2M4' },
      { from: 'agent', text: "Thank you. Only the first payment was matched to your order. I've raised a reversal for the second transaction with bKash — it usually takes 3–7 working days, and you'll get an SMS when it's done." },
    ],
  },
  {
    lang: 'en', topic: 'product_question', team: 'general', vendor: 'gadgetghor', needsProduct: true, priority: 'low',
    productCategories: GADGETS,
    lines: [
      { from: 'customer', text: 'Does {product} come with official warranty or just shop warranty?' },
      { from: 'agent', text: "Good question — I'll ask the seller, GadgetGhor, to confirm." },
      { from: 'vendor', text: 'Hi, GadgetGhor here. It comes with 1 year official brand warranty. Please keep the box and the invoice for claims.' },
      { from: 'customer', text: 'Can I claim the warranty from Sylhet?' },
      { from: 'vendor', text: 'Yes. The brand has a service centre in Zindabazar, Sylhet. You can also send it to us by courier and we will handle the claim.' },
    ],
  },
  {
    lang: 'en', topic: 'product_question', team: 'general', vendor: 'rangdhanu', needsProduct: true, priority: 'low',
    productCategories: ['saree'],
    lines: [
      { from: 'customer', text: 'What is the length of {product}? Does it come with a blouse piece?' },
      { from: 'vendor', text: 'Assalamu alaikum! Rangdhanu here. The saree is 12.5 haat (about 5.5 metres) and comes with an unstitched blouse piece.' },
      { from: 'customer', text: 'Is the colour the same as in the photo?' },
      { from: 'vendor', text: "Our photos are taken in daylight, so it's very close — it may look slightly different depending on your screen." },
    ],
  },
  {
    lang: 'en', topic: 'return', team: 'orders', needsOrder: true, needsProduct: true, priority: 'medium',
    productCategories: CLOTHES_WITH_SIZE,
    lines: [
      { from: 'customer', text: 'The {product} I received is the wrong size. I ordered XL but got M. Order {order}.' },
      { from: 'agent', text: 'Sorry about that! You can return it free of charge within 7 days. Shall I book a pickup?' },
      { from: 'customer', text: 'Yes please. Can you send the right size instead of a refund?' },
      { from: 'agent', text: "Done — pickup is booked for tomorrow, and the XL will be dispatched as soon as the rider collects the M." },
    ],
  },
  {
    lang: 'en', topic: 'cancel', team: 'orders', needsOrder: true, priority: 'low',
    lines: [
      { from: 'customer', text: 'Please cancel order {order}. I ordered it by mistake.' },
      { from: 'agent', text: "Sure, let me check whether it's shipped yet." },
      { from: 'agent', text: "It hadn't been packed yet, so I've cancelled it. Since it was cash on delivery, there's nothing to refund." },
      { from: 'customer', text: 'Thank you!' },
    ],
  },
  {
    lang: 'en', topic: 'complaint', team: 'orders', needsOrder: true, priority: 'urgent',
    lines: [
      { from: 'customer', text: 'This is ridiculous. Third time I\'m contacting you about {order}. The rider marked it "customer not available" but I was home ALL DAY!' },
      { from: 'agent', text: "I completely understand your frustration, and I'm really sorry. This shouldn't have happened." },
      { from: 'customer', text: 'I want a real answer, not another apology.' },
      { from: 'agent', text: "Fair enough. I've escalated this to the Pathao operations lead together with the rider's call log. Your parcel goes out on priority tomorrow morning, and I'll personally follow up with you by 12 PM." },
      { from: 'customer', text: "Fine. If it doesn't come tomorrow I'm cancelling and I want my money back." },
    ],
  },
  {
    lang: 'en', topic: 'praise', team: 'general', priority: 'low',
    lines: [
      { from: 'customer', text: 'Just wanted to say the delivery was super fast — ordered last night, got it this morning in Dhanmondi. Great job!' },
      { from: 'agent', text: "That's wonderful to hear, thank you! I'll pass your kind words on to our delivery team." },
    ],
  },
  {
    lang: 'en', topic: 'account', team: 'general', priority: 'medium',
    lines: [
      { from: 'customer', text: "I can't log in. The OTP never arrives on my phone." },
      { from: 'agent', text: 'Sorry about that. Which operator is your number on? Some operators delay OTP messages at peak hours.' },
      { from: 'customer', text: 'Robi.' },
      { from: 'agent', text: "I've reset the OTP limit on your account. Please try again in 5 minutes, or use \"Log in with email\" instead." },
      { from: 'customer', text: 'Worked with email, thanks.' },
    ],
  },
  {
    lang: 'en', topic: 'payment', team: 'payments', needsOrder: true, priority: 'medium',
    lines: [
      { from: 'customer', text: 'I tried paying with Nagad but the page got stuck and order {order} shows "payment pending". Was I charged?' },
      { from: 'agent', text: 'Let me check the payment gateway log.' },
      { from: 'agent', text: 'The Nagad payment did not complete, so no money was taken. You can retry from My Orders → Pay Now, or switch the order to cash on delivery.' },
      { from: 'customer', text: "I'll just do cash on delivery then." },
      { from: 'agent', text: "Done, I've switched it to COD. The order is now confirmed." },
    ],
  },
  {
    lang: 'en', topic: 'delivery_delay', team: 'orders', needsOrder: true, priority: 'high',
    lines: [
      { from: 'customer', text: "Will my order {order} arrive before Eid? It's a panjabi for my son." },
      { from: 'agent', text: 'Let me check. Couriers are very loaded with the Eid rush, but your parcel has already left the Rangdhanu warehouse.' },
      { from: 'agent', text: "It's with RedX and scheduled for delivery in Mirpur on Thursday — two days before Eid." },
      { from: 'customer', text: 'Alhamdulillah, thank you so much.' },
    ],
  },
  {
    lang: 'en', topic: 'refund', team: 'payments', needsOrder: true, priority: 'medium',
    lines: [
      { from: 'customer', text: 'How long does a refund to card take? I paid for {order} with my City Bank Visa.' },
      { from: 'agent', text: 'Card refunds take 7–10 working days to appear on your statement after approval, depending on your bank.' },
      { from: 'customer', text: 'And has it been approved already?' },
      { from: 'agent', text: "Yes, it was approved on our side today. You'll get an email with the refund reference number." },
    ],
  },
  {
    lang: 'en', topic: 'product_question', team: 'general', needsProduct: true, priority: 'low',
    productCategories: GROCERY,
    lines: [
      { from: 'customer', text: 'Can you deliver {product} to Sylhet? The page says "Dhaka & Chattogram only".' },
      { from: 'agent', text: 'Fresh grocery items are only delivered inside Dhaka and Chattogram city for now, so they reach you fresh. Packaged items and everything else ship nationwide.' },
      { from: 'customer', text: 'Okay, understood.' },
    ],
  },
  {
    lang: 'en', topic: 'complaint', team: 'orders', needsOrder: true, needsProduct: true, priority: 'urgent',
    productCategories: ['phone'],
    lines: [
      { from: 'customer', text: 'I received {product} today and the screen is CRACKED. Order {order}. I paid over 20k for this, I am really upset.' },
      { from: 'agent', text: "I'm very sorry. Could you send photos of the box and the phone, and the unboxing video if you have one?" },
      { from: 'customer', text: "Sent the photos just now. I didn't record a video." },
      { from: 'agent', text: "Thanks, got them. I've raised a damage claim with the seller and the courier. You'll get a replacement or a full refund — your choice — within 48 hours." },
      { from: 'customer', text: 'Replacement please. And pack it properly this time.' },
    ],
  },
  {
    lang: 'en', topic: 'return', team: 'orders', priority: 'low',
    lines: [
      { from: 'customer', text: "What's your return policy? I want to return a kurti I bought 5 days ago, it doesn't fit." },
      { from: 'agent', text: "Most items can be returned within 7 days of delivery if they're unused and the tags are attached — you're within the window!" },
      { from: 'customer', text: 'How do I start?' },
      { from: 'agent', text: 'Go to My Orders, pick the item and tap "Return". A Steadfast rider will collect it within 2–3 days.' },
    ],
  },
  {
    lang: 'en', topic: 'order_status', team: 'orders', needsOrder: true, priority: 'low',
    lines: [
      { from: 'customer', text: "Hi, could you confirm order {order} went through? I didn't get a confirmation email." },
      { from: 'agent', text: "Yes, it's confirmed. The email may have landed in Promotions or Spam — I've re-sent it just now." },
    ],
  },
  {
    lang: 'en', topic: 'cancel', team: 'orders', needsOrder: true, priority: 'medium',
    lines: [
      { from: 'customer', text: 'I need to cancel {order}, found it cheaper somewhere else.' },
      { from: 'agent', text: "The order has already shipped, so I can't cancel it from here. You can refuse it at the door, or return it within 7 days after delivery." },
      { from: 'customer', text: 'If I refuse it, will I be charged?' },
      { from: 'agent', text: 'No charge for cash on delivery orders. Just note that repeated refusals can disable COD on your account.' },
    ],
  },
  {
    lang: 'en', topic: 'payment', team: 'payments', priority: 'low',
    lines: [
      { from: 'customer', text: 'Why can\'t I choose cash on delivery? The option is greyed out.' },
      { from: 'agent', text: 'Cash on delivery is available for orders up to ৳20,000. For bigger orders please pay with bKash, Nagad or card.' },
      { from: 'customer', text: "Ah, my cart is 24,500. Okay, I'll pay with bKash." },
    ],
  },
  {
    lang: 'en', topic: 'product_question', team: 'general', vendor: 'gadgetghor', priority: 'low',
    lines: [
      { from: 'customer', text: 'Does the Baseus 10000mAh power bank fast-charge an iPhone 15?' },
      { from: 'vendor', text: 'Hello from GadgetGhor! Yes, it has 20W PD output on USB-C, so an iPhone 15 goes to roughly 50% in 30 minutes.' },
      { from: 'customer', text: 'Great. Is it allowed on flights? Flying Dhaka to Cox\'s Bazar next week.' },
      { from: 'vendor', text: "Yes, it's well under 100Wh, so airlines allow it in cabin baggage. Just don't put it in checked luggage." },
    ],
  },
  {
    lang: 'en', topic: 'praise', team: 'general', priority: 'low',
    lines: [
      { from: 'customer', text: 'The Jamdani saree I ordered for my mother is gorgeous. She loved it! Thank you Rangdhanu and Dokan Bazar.' },
      { from: 'agent', text: "This made our day 😊 Thank you for telling us! We'll pass it on to Rangdhanu." },
    ],
  },
  {
    lang: 'en', topic: 'complaint', team: 'orders', needsOrder: true, priority: 'high',
    lines: [
      { from: 'customer', text: 'The delivery man was very rude to my mother and asked for 50 taka extra. This is not acceptable.' },
      { from: 'agent', text: "I'm really sorry — that's absolutely not acceptable. The delivery charge is already included in your invoice. Could you share the order number?" },
      { from: 'customer', text: "It's {order}." },
      { from: 'agent', text: "Thank you. I've reported the rider to Pathao with the details, and we'll send the extra ৳50 back to you by bKash today." },
    ],
  },
  {
    lang: 'en', topic: 'account', team: 'general', priority: 'low',
    lines: [
      { from: 'customer', text: 'How can I change the phone number on my account? I got a new SIM.' },
      { from: 'agent', text: "Go to Profile → Phone Number and enter the new one. We'll send an OTP to the new number to verify it." },
      { from: 'customer', text: "What if I can't access my old number anymore?" },
      { from: 'agent', text: 'No problem — verification only goes to the new number. Your order history and vouchers stay as they are.' },
    ],
  },
  {
    lang: 'en', topic: 'delivery_delay', team: 'orders', needsProduct: true, priority: 'medium',
    lines: [
      { from: 'customer', text: "I'm in Rajshahi. It's been 6 days since I ordered {product}. Usually it takes 3 days." },
      { from: 'agent', text: 'Sorry about the wait. Let me look up the shipment.' },
      { from: 'agent', text: 'There was a backlog at the Steadfast sorting hub after the heavy rain last week. Your parcel left the hub this morning and should reach you within 2 days.' },
      { from: 'customer', text: 'Okay, thanks for checking.' },
    ],
  },
  {
    lang: 'en', topic: 'refund', team: 'payments', needsOrder: true, priority: 'urgent',
    lines: [
      { from: 'customer', text: "It's been 15 days since my refund for {order} was approved and I still haven't got a single taka. This is the last time I'm asking nicely." },
      { from: 'agent', text: "I'm sorry, that's far longer than it should take. Let me check the transfer right now." },
      { from: 'agent', text: "The bKash refund bounced because the wallet number on file was missing a digit. I've corrected it and reprocessed the refund — you'll receive it within 24 hours, and I've added a ৳200 voucher for the trouble." },
      { from: 'customer', text: "OK. I'll wait until tomorrow." },
    ],
  },
  {
    lang: 'en', topic: 'order_status', team: 'orders', needsOrder: true, priority: 'medium',
    lines: [
      { from: 'customer', text: 'I only got 3 of the 5 items from order {order}. Where are the rest?' },
      { from: 'agent', text: 'Your order was split into two parcels because the items come from different sellers. The second parcel with the other 2 items is with RedX and will arrive tomorrow.' },
      { from: 'customer', text: "Oh, I didn't know that. Thanks." },
    ],
  },
  {
    lang: 'en', topic: 'product_question', team: 'general', vendor: 'rangdhanu', needsProduct: true, priority: 'low',
    productCategories: ['panjabi'],
    lines: [
      { from: 'customer', text: 'I\'m 5\'10" with a 40 inch chest. Which size of {product} should I take?' },
      { from: 'agent', text: 'Let me check with the seller for the exact measurements.' },
      { from: 'vendor', text: 'Hi, Rangdhanu here. For a 40" chest we recommend L (chest 42", length 42"). If you like a loose fit, go for XL.' },
      { from: 'customer', text: 'L it is. Thanks!' },
    ],
  },
  {
    lang: 'en', topic: 'return', team: 'orders', needsOrder: true, priority: 'medium',
    lines: [
      { from: 'customer', text: "The milk powder in order {order} expires next week. That's not okay for a 500g pack." },
      { from: 'agent', text: "You're right, we should never send items that close to expiry. Sorry about that." },
      { from: 'agent', text: "I've arranged a free replacement from a fresh batch, delivered tomorrow. You don't need to return the current pack." },
      { from: 'customer', text: 'Appreciate it.' },
    ],
  },
  {
    lang: 'en', topic: 'payment', team: 'payments', needsProduct: true, priority: 'low',
    productCategories: ['phone', 'home-appliance', 'saree'],
    lines: [
      { from: 'customer', text: 'Do you offer EMI on {product}? I have a BRAC Bank credit card.' },
      { from: 'agent', text: 'Yes! 0% EMI for 3 and 6 months is available on orders above ৳5,000 with BRAC Bank, EBL, City Bank and a few others. Choose "Card EMI" at checkout.' },
      { from: 'customer', text: 'Perfect, thanks.' },
    ],
  },
  {
    lang: 'en', topic: 'praise', team: 'general', priority: 'low',
    lines: [
      { from: 'customer', text: 'Thanks to Nusrat from your team — she sorted out my refund in 10 minutes. Very helpful.' },
      { from: 'agent', text: "Thank you for the kind feedback! I'll make sure Nusrat and her team lead see this." },
    ],
  },
  {
    lang: 'en', topic: 'complaint', team: 'general', needsOrder: true, priority: 'urgent',
    lines: [
      { from: 'customer', text: "The earbuds I got are FAKE. The box says QCY but the serial number doesn't verify on their website. Order {order}." },
      { from: 'agent', text: "That's a serious concern and I'm sorry. Please don't use them for now. Could you send a screenshot of the failed verification?" },
      { from: 'customer', text: 'Sent. I want a full refund and I want this seller investigated.' },
      { from: 'agent', text: "Received. I've started a full refund to your original payment method and escalated the listing to our Trust & Safety team." },
    ],
  },
  {
    lang: 'en', topic: 'account', team: 'general', priority: 'low',
    lines: [
      { from: 'customer', text: 'Please delete my account and all my data.' },
      { from: 'agent', text: 'I can help with that. Before I proceed: deletion is permanent, and any unused vouchers or wallet balance will be lost. Do you want to continue?' },
      { from: 'customer', text: 'Yes.' },
      { from: 'agent', text: "Done — your account is scheduled for deletion within 7 days. You'll get a confirmation email." },
    ],
  },
  {
    lang: 'en', topic: 'order_status', team: 'orders', needsOrder: true, priority: 'medium',
    lines: [
      { from: 'customer', text: "Can I change the delivery address for {order}? I'm moving from Uttara to Bashundhara this week." },
      { from: 'agent', text: "It hasn't shipped yet, so yes. Please send the full new address with a landmark." },
      { from: 'customer', text: 'House 12, Road 5, Block C, Bashundhara R/A, near Evercare Hospital.' },
      { from: 'agent', text: 'Updated. The delivery charge stays the same since both addresses are inside Dhaka.' },
    ],
  },
  {
    lang: 'en', topic: 'delivery_delay', team: 'orders', vendor: 'rangdhanu', needsOrder: true, priority: 'high',
    lines: [
      { from: 'customer', text: 'Ordered 2 sarees for Eid on the 20th, order {order}. Still not shipped. Eid is in 3 days!!' },
      { from: 'agent', text: 'I understand how important this is. Let me check with the seller right away.' },
      { from: 'vendor', text: 'Rangdhanu here — very sorry, we had a huge Eid rush. Both sarees are packed and going out by express courier today.' },
      { from: 'agent', text: 'So you should have them in Dhaka by tomorrow evening. I will keep an eye on the tracking.' },
      { from: 'customer', text: 'Please make sure. This is a gift for my mother-in-law.' },
    ],
  },
  {
    lang: 'en', topic: 'cancel', team: 'orders', needsOrder: true, priority: 'medium',
    lines: [
      { from: 'customer', text: 'I want to cancel {order}. I already paid with bKash. Will I get the money back?' },
      { from: 'agent', text: "Yes. It hasn't shipped yet, so I've cancelled it. The full amount will be refunded to your bKash within 3–5 working days." },
    ],
  },
  {
    lang: 'en', topic: 'product_question', team: 'general', needsProduct: true, priority: 'low',
    productCategories: HOME,
    lines: [
      { from: 'customer', text: 'Is {product} 220V? And is there a warranty?' },
      { from: 'agent', text: "Yes, it's 220–240V, made for Bangladesh. It comes with a 1-year manufacturer warranty." },
      { from: 'customer', text: 'Where do I go if it breaks?' },
      { from: 'agent', text: 'The brand has service centres in Dhaka, Chattogram and Sylhet, or you can send it back through us and we will handle the claim.' },
    ],
  },
  {
    lang: 'en', topic: 'refund', team: 'payments', priority: 'medium',
    lines: [
      { from: 'customer', text: 'Can I get my refund as money instead of Dokan Bazar wallet credit?' },
      { from: 'agent', text: 'Yes. Refunds go to the wallet by default because it\'s instant, but I can send it to your bKash or Nagad instead. Which one do you prefer?' },
      { from: 'customer', text: 'Nagad please, same number as my account.' },
      { from: 'agent', text: 'Got it. The refund will reach your Nagad within 3 working days.' },
    ],
  },
];

const bn: DemoScript[] = [
  {
    lang: 'bn', topic: 'delivery_delay', team: 'orders', needsOrder: true, priority: 'high',
    lines: [
      { from: 'customer', text: 'আমার অর্ডারটা এখনো আসেনি, আজ পাঁচ দিন হয়ে গেল। অর্ডার নম্বর {order}।' },
      { from: 'agent', text: 'আসসালামু আলাইকুম। দেরির জন্য আন্তরিকভাবে দুঃখিত। আমি এখনই আপনার অর্ডারটা চেক করছি।' },
      { from: 'agent', text: 'আপনার পার্সেলটি স্টেডফাস্টের চট্টগ্রাম হাবে আছে। আগামীকাল দুপুরের মধ্যে ডেলিভারি হয়ে যাবে, ইনশাআল্লাহ।' },
      { from: 'customer', text: 'ঠিক আছে, কিন্তু এবার যেন আর দেরি না হয়।' },
    ],
  },
  {
    lang: 'bn', topic: 'order_status', team: 'orders', needsOrder: true, priority: 'medium',
    lines: [
      { from: 'customer', text: 'আমার অর্ডার {order} এর কী অবস্থা, একটু জানাবেন? স্ট্যাটাসে শুধু "প্রসেসিং" দেখাচ্ছে।' },
      { from: 'agent', text: 'অবশ্যই, একটু সময় দিন, আমি দেখে জানাচ্ছি।' },
      { from: 'agent', text: 'আপনার অর্ডারটি প্যাক করা হয়েছে, আজ বিকেলে রেডএক্স কুরিয়ারে হস্তান্তর করা হবে। ঢাকার ভেতরে ১–২ দিনের মধ্যে পেয়ে যাবেন।' },
      { from: 'customer', text: 'ধন্যবাদ।' },
    ],
  },
  {
    lang: 'bn', topic: 'refund', team: 'payments', needsOrder: true, priority: 'medium',
    lines: [
      { from: 'customer', text: 'এক সপ্তাহ আগে পণ্য ফেরত দিয়েছি, কিন্তু বিকাশে এখনো টাকা ফেরত পাইনি। অর্ডার {order}।' },
      { from: 'agent', text: 'আপনার ফেরত দেওয়া পণ্যটি আমাদের ওয়্যারহাউসে পৌঁছেছে এবং রিফান্ড অনুমোদন হয়েছে। বিকাশে রিফান্ড আসতে সাধারণত ৩–৫ কর্মদিবস লাগে।' },
      { from: 'customer', text: 'যে নম্বর থেকে পেমেন্ট করেছিলাম, সেই নম্বরেই আসবে তো?' },
      { from: 'agent', text: 'জি, একই বিকাশ নম্বরে টাকা ফেরত যাবে।' },
    ],
  },
  {
    lang: 'bn', topic: 'payment', team: 'payments', priority: 'urgent',
    lines: [
      { from: 'customer', text: 'নগদ দিয়ে পেমেন্ট করেছি, টাকা কেটে নিয়েছে কিন্তু অর্ডার কনফার্ম হয়নি! এখন কী করব?' },
      { from: 'agent', text: 'চিন্তা করবেন না, আপনার টাকা নিরাপদে আছে। নগদের ট্রানজেকশন আইডিটা একটু দেবেন?' },
      { from: 'customer', text: 'ট্রানজেকশন আইডি: 73KD9QX2' },
      { from: 'agent', text: 'ধন্যবাদ। পেমেন্টটি আমরা পেয়েছি, শুধু সিস্টেমে আপডেট হতে দেরি হয়েছিল। আপনার অর্ডার এখন কনফার্ম করা হয়েছে।' },
    ],
  },
  {
    lang: 'bn', topic: 'product_question', team: 'general', vendor: 'rangdhanu', needsProduct: true, priority: 'low',
    productCategories: ['saree'],
    lines: [
      { from: 'customer', text: '{product} কি খাঁটি সুতির? সাথে ব্লাউজ পিস আছে?' },
      { from: 'agent', text: 'প্রশ্নটি আমি বিক্রেতা রংধনুর কাছে পাঠাচ্ছি, তাঁরা বিস্তারিত জানাবেন।' },
      { from: 'vendor', text: 'আসসালামু আলাইকুম, রংধনু থেকে বলছি। জি, শাড়িটি ১০০% সুতি, টাঙ্গাইলের তাঁতে বোনা। সাথে আনস্টিচড ব্লাউজ পিস আছে।' },
      { from: 'customer', text: 'ধোয়ার পর রং উঠবে না তো?' },
      { from: 'vendor', text: 'প্রথম দুইবার আলাদা করে ঠান্ডা পানিতে হালকা ডিটারজেন্ট দিয়ে ধোবেন, তাহলে রং ঠিক থাকবে।' },
    ],
  },
  {
    lang: 'bn', topic: 'product_question', team: 'general', vendor: 'gadgetghor', needsProduct: true, priority: 'low',
    productCategories: ['earbuds', 'smartwatch', 'power-bank'],
    lines: [
      { from: 'customer', text: '{product} এর ওয়ারেন্টি কত দিনের?' },
      { from: 'vendor', text: 'গ্যাজেটঘর থেকে বলছি। এটিতে ৬ মাসের অফিসিয়াল ওয়ারেন্টি আছে। বক্স আর ইনভয়েস যত্ন করে রেখে দেবেন।' },
      { from: 'customer', text: 'ওয়ারেন্টি ক্লেইম করতে কোথায় যেতে হবে?' },
      { from: 'vendor', text: 'বসুন্ধরা সিটিতে আমাদের সার্ভিস পয়েন্ট আছে। ঢাকার বাইরে থাকলে কুরিয়ারেও পাঠাতে পারেন।' },
    ],
  },
  {
    lang: 'bn', topic: 'complaint', team: 'orders', needsOrder: true, needsProduct: true, priority: 'urgent',
    productCategories: [...GADGETS, ...HOME],
    lines: [
      { from: 'customer', text: 'এটা কী ধরনের সার্ভিস? {product} ভাঙা অবস্থায় এসেছে! অর্ডার {order}। আমি পুরো টাকা ফেরত চাই।' },
      { from: 'agent', text: 'আপনার এমন অভিজ্ঞতার জন্য আমরা সত্যিই দুঃখিত। পণ্যটির কয়েকটি ছবি পাঠাতে পারবেন?' },
      { from: 'customer', text: 'ছবি পাঠিয়েছি। আর কতবার বলতে হবে?' },
      { from: 'agent', text: 'ছবি পেয়েছি, ধন্যবাদ। পুরো টাকা রিফান্ডের অনুরোধ জরুরি ভিত্তিতে পাঠানো হয়েছে। কাল কুরিয়ার এসে ভাঙা পণ্যটি নিয়ে যাবে, আপনাকে কোনো চার্জ দিতে হবে না।' },
    ],
  },
  {
    lang: 'bn', topic: 'cancel', team: 'orders', needsOrder: true, priority: 'low',
    lines: [
      { from: 'customer', text: 'অর্ডার {order} বাতিল করতে চাই। ভুল করে দুইবার অর্ডার করে ফেলেছি।' },
      { from: 'agent', text: 'জি, অর্ডারটি এখনো শিপ হয়নি, তাই বাতিল করে দিয়েছি। ক্যাশ অন ডেলিভারি হওয়ায় কোনো টাকা কাটা হয়নি।' },
      { from: 'customer', text: 'অনেক ধন্যবাদ।' },
    ],
  },
  {
    lang: 'bn', topic: 'praise', team: 'general', priority: 'low',
    lines: [
      { from: 'customer', text: 'গতকাল রাতে অর্ডার করেছিলাম, আজ সকালেই বাজার পেয়ে গেছি। ডিম, পেঁয়াজ সব একদম ঠিকঠাক। ধন্যবাদ দোকান বাজার!' },
      { from: 'agent', text: 'আপনার সুন্দর মতামতের জন্য অনেক ধন্যবাদ! আমাদের ডেলিভারি টিমকে জানিয়ে দেব।' },
    ],
  },
  {
    lang: 'bn', topic: 'account', team: 'general', priority: 'medium',
    lines: [
      { from: 'customer', text: 'লগইন করতে পারছি না, ওটিপি আসছে না।' },
      { from: 'agent', text: 'দুঃখিত। আপনার নম্বরটি কোন অপারেটরের? মাঝে মাঝে ওটিপি আসতে কয়েক মিনিট দেরি হয়।' },
      { from: 'customer', text: 'গ্রামীণফোন।' },
      { from: 'agent', text: 'আপনার অ্যাকাউন্টের ওটিপি লিমিট রিসেট করে দিয়েছি। ৫ মিনিট পর আবার চেষ্টা করুন।' },
      { from: 'customer', text: 'এখন হয়েছে, ধন্যবাদ।' },
    ],
  },
  {
    lang: 'bn', topic: 'delivery_delay', team: 'orders', needsOrder: true, priority: 'high',
    lines: [
      { from: 'customer', text: 'ঈদের আগে কি ছেলের পাঞ্জাবিটা পাব? অর্ডার {order}। ঈদের আর মাত্র চার দিন বাকি।' },
      { from: 'agent', text: 'ঈদের সময় কুরিয়ারে চাপ একটু বেশি থাকে, তবে আপনার অর্ডারটি ইতিমধ্যে পাঠাও কুরিয়ারে দেওয়া হয়েছে।' },
      { from: 'agent', text: 'সিলেটে বৃহস্পতিবারের মধ্যে ডেলিভারি হওয়ার কথা। কোনো সমস্যা হলে আমরা নিজেরাই আপনাকে জানাব।' },
      { from: 'customer', text: 'আলহামদুলিল্লাহ, ধন্যবাদ।' },
    ],
  },
  {
    lang: 'bn', topic: 'return', team: 'orders', needsOrder: true, needsProduct: true, priority: 'medium',
    productCategories: CLOTHES_WITH_SIZE,
    lines: [
      { from: 'customer', text: '{product} এর সাইজ ছোট হয়েছে। বদলানো যাবে? অর্ডার {order}।' },
      { from: 'agent', text: 'জি, ডেলিভারির ৭ দিনের মধ্যে এক্সচেঞ্জ করা যায়। কোন সাইজ লাগবে বলুন।' },
      { from: 'customer', text: 'এক্সএল লাগবে।' },
      { from: 'agent', text: 'ঠিক আছে। আগামীকাল রাইডার গিয়ে আগেরটা নিয়ে আসবে, আর এক্সএল সাইজটি ২–৩ দিনের মধ্যে পৌঁছে যাবে।' },
    ],
  },
  {
    lang: 'bn', topic: 'payment', team: 'payments', priority: 'low',
    lines: [
      { from: 'customer', text: 'চট্টগ্রামে কি ক্যাশ অন ডেলিভারি আছে?' },
      { from: 'agent', text: 'জি, সারা বাংলাদেশেই ক্যাশ অন ডেলিভারি পাবেন। তবে ২০,০০০ টাকার বেশি অর্ডারে বিকাশ, নগদ বা কার্ডে আগে পেমেন্ট করতে হবে।' },
      { from: 'customer', text: 'আচ্ছা, বুঝেছি।' },
    ],
  },
  {
    lang: 'bn', topic: 'refund', team: 'payments', needsOrder: true, priority: 'high',
    lines: [
      { from: 'customer', text: 'দশ দিন হয়ে গেল, রিফান্ডের কোনো খবর নেই। অর্ডার {order}। আপনারা কি টাকা ফেরত দেবেন না?' },
      { from: 'agent', text: 'আপনার বিরক্তি বুঝতে পারছি, দেরির জন্য দুঃখিত। আমি এখনই বিষয়টি দেখছি।' },
      { from: 'agent', text: 'দেখা যাচ্ছে বিকাশ নম্বরে একটি অঙ্ক ভুল থাকায় রিফান্ড ফেরত চলে এসেছিল। নম্বর ঠিক করে আবার পাঠানো হয়েছে, ২৪ ঘণ্টার মধ্যে টাকা পেয়ে যাবেন।' },
      { from: 'customer', text: 'ঠিক আছে, দেখি।' },
    ],
  },
  {
    lang: 'bn', topic: 'product_question', team: 'general', needsProduct: true, priority: 'low',
    productCategories: GROCERY,
    lines: [
      { from: 'customer', text: '{product} এর মেয়াদ কত দিন পর্যন্ত আছে?' },
      { from: 'agent', text: 'আমাদের বর্তমান স্টকের মেয়াদ কমপক্ষে ছয় মাস আছে। প্যাকেটের গায়ে উৎপাদন ও মেয়াদোত্তীর্ণের তারিখ দেওয়া থাকে।' },
    ],
  },
  {
    lang: 'bn', topic: 'complaint', team: 'orders', needsOrder: true, priority: 'high',
    lines: [
      { from: 'customer', text: 'ডেলিভারি ম্যান ৬০ টাকা বেশি চাইল, বলল এটা নাকি চার্জ। অথচ আমি আগেই বিকাশে পুরো পেমেন্ট করেছি!' },
      { from: 'agent', text: 'এটা একদমই গ্রহণযোগ্য নয়, আমরা দুঃখিত। অর্ডার নম্বরটা দেবেন?' },
      { from: 'customer', text: '{order}' },
      { from: 'agent', text: 'ধন্যবাদ। রাইডারের বিরুদ্ধে কুরিয়ার কোম্পানিতে অভিযোগ করা হয়েছে, আর অতিরিক্ত ৬০ টাকা আজই আপনার বিকাশে ফেরত পাঠানো হবে।' },
    ],
  },
  {
    lang: 'bn', topic: 'account', team: 'general', priority: 'low',
    lines: [
      { from: 'customer', text: 'অ্যাকাউন্টে আমার ঠিকানা কীভাবে বদলাব?' },
      { from: 'agent', text: 'প্রোফাইল → ঠিকানা অপশনে গিয়ে নতুন ঠিকানা যোগ করুন, তারপর সেটিকে "ডিফল্ট" হিসেবে সেট করুন।' },
      { from: 'customer', text: 'পেয়েছি, ধন্যবাদ।' },
    ],
  },
  {
    lang: 'bn', topic: 'order_status', team: 'orders', needsOrder: true, priority: 'medium',
    lines: [
      { from: 'customer', text: 'রাইডার ফোন দিয়েছিল, কিন্তু আমি ধরতে পারিনি। অর্ডার {order} এর এখন কী হবে?' },
      { from: 'agent', text: 'চিন্তা করবেন না। রাইডার আজ আবার চেষ্টা করবে। আপনার সুবিধামতো সময় বললে নোট করে দিচ্ছি।' },
      { from: 'customer', text: 'সন্ধ্যা ৬টার পর হলে ভালো হয়।' },
      { from: 'agent', text: 'নোট করা হয়েছে। সন্ধ্যা ৬টার পর ডেলিভারি দেওয়া হবে।' },
    ],
  },
  {
    lang: 'bn', topic: 'praise', team: 'general', priority: 'low',
    lines: [
      { from: 'customer', text: 'আম্মুর জন্য জামদানি শাড়িটা কিনেছিলাম, এত সুন্দর! রংধনু আর আপনাদের অনেক ধন্যবাদ।' },
      { from: 'agent', text: 'শুনে খুব ভালো লাগল! আপনার আম্মুর জন্য শুভকামনা। রংধনুকেও আপনার মতামত পৌঁছে দেব।' },
    ],
  },
  {
    lang: 'bn', topic: 'cancel', team: 'orders', needsOrder: true, priority: 'medium',
    lines: [
      { from: 'customer', text: 'অর্ডার {order} বাতিল করতে চাই, আর লাগবে না।' },
      { from: 'agent', text: 'অর্ডারটি ইতিমধ্যে কুরিয়ারে চলে গেছে, তাই এখন বাতিল করা যাচ্ছে না। ডেলিভারির সময় গ্রহণ না করলে সেটি আমাদের কাছে ফেরত চলে আসবে।' },
      { from: 'customer', text: 'তাহলে কি কোনো চার্জ কাটবে?' },
      { from: 'agent', text: 'না, ক্যাশ অন ডেলিভারি অর্ডারে কোনো চার্জ নেই।' },
    ],
  },
  {
    lang: 'bn', topic: 'product_question', team: 'general', vendor: 'gadgetghor', needsProduct: true, priority: 'low',
    productCategories: ['phone'],
    lines: [
      { from: 'customer', text: '{product} কি অফিসিয়াল নাকি আনঅফিসিয়াল? বিটিআরসিতে রেজিস্টার্ড তো?' },
      { from: 'agent', text: 'বিষয়টি বিক্রেতা গ্যাজেটঘর নিশ্চিত করবে, একটু অপেক্ষা করুন।' },
      { from: 'vendor', text: 'গ্যাজেটঘর থেকে বলছি। ফোনটি ১০০% অফিসিয়াল, বিটিআরসি রেজিস্টার্ড, সাথে ১ বছরের অফিসিয়াল ওয়ারেন্টি।' },
      { from: 'customer', text: 'কোন কোন রং আছে?' },
      { from: 'vendor', text: 'এই মুহূর্তে কালো আর নীল — এই দুই রং স্টকে আছে।' },
    ],
  },
  {
    lang: 'bn', topic: 'complaint', team: 'orders', needsOrder: true, priority: 'urgent',
    lines: [
      { from: 'customer', text: 'অর্ডার করলাম রাইস কুকার, আর পাঠালেন ব্লেন্ডার! অর্ডার {order}। তিন দিন ধরে কেউ কোনো উত্তর দিচ্ছে না।' },
      { from: 'agent', text: 'এমন ভুলের জন্য সত্যিই দুঃখিত, আর উত্তর দিতে দেরি হওয়ার জন্যও ক্ষমাপ্রার্থী।' },
      { from: 'agent', text: 'আগামীকাল সকালে সঠিক রাইস কুকারটি পাঠানো হবে, আর একই রাইডার ব্লেন্ডারটি ফেরত নিয়ে যাবে। আপনাকে কোনো বাড়তি খরচ দিতে হবে না।' },
      { from: 'customer', text: 'কাল যদি না আসে, আমি অর্ডার বাতিল করব।' },
      { from: 'agent', text: 'বুঝতে পারছি। আমি নিজে কাল দুপুরে ফলো-আপ করব।' },
    ],
  },
  {
    lang: 'bn', topic: 'return', team: 'orders', priority: 'low',
    lines: [
      { from: 'customer', text: 'রিটার্ন পলিসি কী? কত দিনের মধ্যে পণ্য ফেরত দেওয়া যায়?' },
      { from: 'agent', text: 'ডেলিভারির ৭ দিনের মধ্যে অব্যবহৃত পণ্য ট্যাগ ও মূল প্যাকেটসহ ফেরত দিতে পারবেন। তবে কাঁচা বাজার ও ব্যক্তিগত ব্যবহারের পণ্য ফেরতযোগ্য নয়।' },
      { from: 'customer', text: 'ফেরতের জন্য কুরিয়ার চার্জ লাগবে?' },
      { from: 'agent', text: 'পণ্যে সমস্যা থাকলে কোনো চার্জ লাগবে না। মত পরিবর্তনের কারণে ফেরত দিলে ৬০ টাকা পিকআপ চার্জ কাটা হবে।' },
    ],
  },
  {
    lang: 'bn', topic: 'payment', team: 'payments', priority: 'medium',
    lines: [
      { from: 'customer', text: 'কার্ড দিয়ে পেমেন্ট করতে গেলে বারবার "ট্রানজেকশন ফেইলড" দেখাচ্ছে।' },
      { from: 'agent', text: 'দুঃখিত। আপনার কার্ডে অনলাইন ট্রানজেকশন চালু আছে কি না, একটু ব্যাংকের অ্যাপে দেখে নেবেন? অনেক ব্যাংকে এটা আলাদা করে চালু করতে হয়।' },
      { from: 'customer', text: 'দেখলাম বন্ধ ছিল, চালু করে দিলাম। এখন পেমেন্ট হয়েছে।' },
      { from: 'agent', text: 'চমৎকার! আর কোনো সাহায্য লাগলে জানাবেন।' },
    ],
  },
  {
    lang: 'bn', topic: 'delivery_delay', team: 'orders', needsProduct: true, priority: 'medium',
    lines: [
      { from: 'customer', text: 'সিলেটে {product} পৌঁছাতে আর কত দিন লাগবে? এক সপ্তাহ হয়ে গেল।' },
      { from: 'agent', text: 'ঢাকার বাইরে সাধারণত ৩–৫ দিন লাগে, তবে বন্যার কারণে সিলেট রুটে কিছুটা দেরি হচ্ছে। দুঃখিত।' },
      { from: 'agent', text: 'আপনার পার্সেলটি আজ সিলেট হাবে পৌঁছেছে, কাল ডেলিভারি হওয়ার কথা।' },
    ],
  },
  {
    lang: 'bn', topic: 'refund', team: 'payments', priority: 'low',
    lines: [
      { from: 'customer', text: 'রিফান্ডটা কি নগদ অ্যাকাউন্টে নেওয়া যাবে? আমার বিকাশ নেই।' },
      { from: 'agent', text: 'জি, অবশ্যই। আপনার অ্যাকাউন্টের নম্বরেই নগদ থাকলে সেখানে পাঠিয়ে দেব, আলাদা নম্বর হলে জানাবেন।' },
      { from: 'customer', text: 'অ্যাকাউন্টের নম্বরেই নগদ আছে।' },
      { from: 'agent', text: 'ঠিক আছে, ৩ কর্মদিবসের মধ্যে রিফান্ড পেয়ে যাবেন।' },
    ],
  },
  {
    lang: 'bn', topic: 'order_status', team: 'orders', needsOrder: true, priority: 'low',
    lines: [
      { from: 'customer', text: 'অর্ডার {order} এর ইনভয়েস কোথায় পাব? অফিসে জমা দিতে হবে।' },
      { from: 'agent', text: '"আমার অর্ডার" থেকে অর্ডারটি খুলে "ইনভয়েস ডাউনলোড" চাপলেই পিডিএফ পাবেন। আপনার ইমেইলেও একটি কপি পাঠিয়ে দিয়েছি।' },
    ],
  },
  {
    lang: 'bn', topic: 'product_question', team: 'general', vendor: 'rangdhanu', needsProduct: true, priority: 'low',
    productCategories: ['panjabi', 'mens-wear'],
    lines: [
      { from: 'customer', text: '{product} এর কাপড় কী? গরমে পরা যাবে?' },
      { from: 'vendor', text: 'রংধনু থেকে বলছি। এটা সুতি-লিনেন মিক্স কাপড়, বেশ আরামদায়ক, গরমেও পরতে পারবেন।' },
      { from: 'customer', text: '৪২ সাইজে বুকের মাপ কত?' },
      { from: 'vendor', text: '৪২ সাইজে বুকের মাপ ৪৪ ইঞ্চি, আর লম্বা ৪৩ ইঞ্চি।' },
    ],
  },
  {
    lang: 'bn', topic: 'complaint', team: 'general', priority: 'high',
    lines: [
      { from: 'customer', text: 'কার্টে দাম দেখাল ৮৫০ টাকা, চেকআউটে গিয়ে হয়ে গেল ৯২০ টাকা! এটা কি প্রতারণা?' },
      { from: 'agent', text: 'বিষয়টি জানানোর জন্য ধন্যবাদ। চেকআউটে ৭০ টাকা ডেলিভারি চার্জ যোগ হয়েছে, তবে সেটা কার্টেই দেখানো উচিত ছিল।' },
      { from: 'agent', text: 'আমাদের টেক টিমকে বিষয়টি জানিয়েছি। আপনার অসুবিধার জন্য অ্যাকাউন্টে একটি ফ্রি ডেলিভারি ভাউচার যোগ করে দিয়েছি।' },
      { from: 'customer', text: 'ঠিক আছে, এরপর থেকে যেন পরিষ্কার করে দেখায়।' },
    ],
  },
];

const banglish: DemoScript[] = [
  {
    lang: 'banglish', topic: 'order_status', team: 'orders', needsOrder: true, priority: 'medium',
    lines: [
      { from: 'customer', text: 'amar order ta kothay? {order}. 4 din hoye gelo kono update nai' },
      { from: 'agent', text: 'Assalamu alaikum, ektu wait korun, ami check kore janacchi.' },
      { from: 'agent', text: 'Apnar order ta RedX e handover kora hoyeche, kal er moddhe peye jaben inshallah.' },
      { from: 'customer', text: 'ok thanks vai' },
    ],
  },
  {
    lang: 'banglish', topic: 'refund', team: 'payments', needsOrder: true, priority: 'medium',
    lines: [
      { from: 'customer', text: 'vai refund kobe pabo? return dilam 1 week age. order {order}' },
      { from: 'agent', text: 'Apnar return ta amra receive korechi, refund approve hoyeche. bKash e 3-5 working day er moddhe taka chole jabe.' },
      { from: 'customer', text: 'same number e ashbe to?' },
      { from: 'agent', text: 'Ji, je bKash number theke payment korechilen oi number ei ashbe.' },
    ],
  },
  {
    lang: 'banglish', topic: 'payment', team: 'payments', needsOrder: true, priority: 'urgent',
    lines: [
      { from: 'customer', text: 'bkash e payment korsi kintu confirm hoy nai. taka kete nise 2450 tk. order {order}' },
      { from: 'agent', text: 'Tension korben na, apnar taka safe ache. bKash er TrxID ta ektu diben?' },
      { from: 'customer', text: 'TrxID BKA7X29QLM' },
      { from: 'agent', text: 'Thanks. Payment amra peyechi, system e update hote deri hoyechilo. Order ekhon confirm kora hoyeche.' },
      { from: 'customer', text: 'ok thank u' },
    ],
  },
  {
    lang: 'banglish', topic: 'delivery_delay', team: 'orders', needsOrder: true, priority: 'high',
    lines: [
      { from: 'customer', text: 'bhai 7 din hoye gese ekhono parcel pai nai. ctg te thaki. order {order}' },
      { from: 'agent', text: 'Deri hobar jonno sorry. Check kore dekhlam apnar parcel Steadfast er Chattogram hub e ache.' },
      { from: 'agent', text: 'Kal dupur er moddhe delivery dewar jonno hub ke bola hoyeche. Rider age call dibe.' },
      { from: 'customer', text: 'kal na ashle order cancel kore dibo' },
    ],
  },
  {
    lang: 'banglish', topic: 'product_question', team: 'general', vendor: 'gadgetghor', needsProduct: true, priority: 'low',
    productCategories: GADGETS,
    lines: [
      { from: 'customer', text: '{product} er warranty koto din? official naki?' },
      { from: 'agent', text: 'Seller GadgetGhor ke jiggesh korchi, ektu wait korun.' },
      { from: 'vendor', text: 'GadgetGhor theke bolchi. Eta 100% official, 1 year brand warranty ache.' },
      { from: 'customer', text: 'box e ki ki thakbe?' },
      { from: 'vendor', text: 'Main device, type-C cable, user manual ar warranty card thakbe.' },
    ],
  },
  {
    lang: 'banglish', topic: 'product_question', team: 'general', vendor: 'rangdhanu', needsProduct: true, priority: 'low',
    productCategories: ['saree'],
    lines: [
      { from: 'customer', text: 'apu {product} ta koto haat? blouse piece ache?' },
      { from: 'vendor', text: 'Rangdhanu theke bolchi apu. Saree 12.5 haat, sathe unstitched blouse piece ache.' },
      { from: 'customer', text: 'color ki picture er motoi hobe?' },
      { from: 'vendor', text: 'Ji apu, daylight e chobi tola. Screen bhede halka difference hote pare, but almost same.' },
      { from: 'customer', text: 'ok 2 ta order dibo' },
    ],
  },
  {
    lang: 'banglish', topic: 'cancel', team: 'orders', needsOrder: true, priority: 'low',
    lines: [
      { from: 'customer', text: 'order ta cancel korte chai, vul kore 2 bar order hoye gese. {order}' },
      { from: 'agent', text: 'Ji, order ta ekhono ship hoy nai, tai cancel kore dilam. COD chilo, tai kono taka kata hoy nai.' },
      { from: 'customer', text: 'thanks' },
    ],
  },
  {
    lang: 'banglish', topic: 'complaint', team: 'orders', needsOrder: true, priority: 'urgent',
    lines: [
      { from: 'customer', text: 'apnader service eto baje keno?? 3 bar call dilam keu dhore na. order {order} er product bhanga ashche' },
      { from: 'agent', text: 'Sorry vai, apnar kharap experience er jonno amra sotti dukkhito. Product er kichu chobi pathate parben?' },
      { from: 'customer', text: 'pathaisi. full refund chai' },
      { from: 'agent', text: 'Chobi peyechi. Full refund er request urgent hishebe process kora hocche, kal courier eshe bhanga product ta niye jabe. Kono charge lagbe na.' },
    ],
  },
  {
    lang: 'banglish', topic: 'praise', team: 'general', priority: 'low',
    lines: [
      { from: 'customer', text: 'vai delivery ta onek fast chilo, kal rate order dilam aj sokale peye gelam 😍 thanks' },
      { from: 'agent', text: 'Thank you vai! Apnar feedback amader delivery team ke janiye dibo.' },
    ],
  },
  {
    lang: 'banglish', topic: 'account', team: 'general', priority: 'medium',
    lines: [
      { from: 'customer', text: 'otp ashtese na, login korte parchi na' },
      { from: 'agent', text: 'Sorry. Apnar number ta kon operator er? Kokhono kokhono OTP ashte ektu deri hoy.' },
      { from: 'customer', text: 'banglalink' },
      { from: 'agent', text: 'Apnar account er OTP limit reset kore diyechi. 5 minute por abar try korun.' },
      { from: 'customer', text: 'hoise, thanks' },
    ],
  },
  {
    lang: 'banglish', topic: 'delivery_delay', team: 'orders', needsOrder: true, priority: 'high',
    lines: [
      { from: 'customer', text: 'eid er age panjabi ta pabo to? {order}. sylhet e thaki' },
      { from: 'agent', text: 'Eid er somoy courier e ektu chap beshi thake, tobe apnar parcel already Pathao te handover kora hoyeche.' },
      { from: 'agent', text: 'Sylhet e Thursday er moddhe delivery howar kotha. Kono problem hole amra nijei janabo.' },
      { from: 'customer', text: 'alhamdulillah. thanks' },
    ],
  },
  {
    lang: 'banglish', topic: 'return', team: 'orders', needsOrder: true, needsProduct: true, priority: 'medium',
    productCategories: CLOTHES_WITH_SIZE,
    lines: [
      { from: 'customer', text: '{product} size e choto hoise, exchange kora jabe? {order}' },
      { from: 'agent', text: 'Ji, delivery er 7 diner moddhe exchange kora jay. Kon size lagbe?' },
      { from: 'customer', text: 'L lagbe' },
      { from: 'agent', text: 'Thik ache, kal rider eshe ager ta niye jabe, L size ta 2-3 diner moddhe pouche jabe.' },
    ],
  },
  {
    lang: 'banglish', topic: 'payment', team: 'payments', priority: 'medium',
    lines: [
      { from: 'customer', text: 'nagad e pay korte gele error dekhay. ki korbo?' },
      { from: 'agent', text: 'Nagad gateway e kichukkhon ektu issue chilo, ekhon thik hoye geche. Ekbar abar try korben? Na hole COD o select korte paren.' },
      { from: 'customer', text: 'ekhon hoise' },
    ],
  },
  {
    lang: 'banglish', topic: 'refund', team: 'payments', needsOrder: true, priority: 'urgent',
    lines: [
      { from: 'customer', text: '15 din hoye gelo refund er kono khobor nai. taka ki diben na?? {order}' },
      { from: 'agent', text: 'Apnar birokti bujhte parchi, deri hobar jonno sorry. Ami ekhoni check korchi.' },
      { from: 'agent', text: 'Refund ta fail hoyechilo karon bKash number e ekta digit bhul chilo. Number thik kore abar pathano hoyeche, 24 ghontar moddhe peye jaben. Sathe 200 taka voucher add kore dilam.' },
      { from: 'customer', text: 'ok dekhi' },
    ],
  },
  {
    lang: 'banglish', topic: 'product_question', team: 'general', needsProduct: true, priority: 'low',
    productCategories: GROCERY,
    lines: [
      { from: 'customer', text: '{product} er expiry date koto porjonto?' },
      { from: 'agent', text: 'Amader current stock er expiry kompokkhe 6 mash porjonto ache. Packet er gaye date deya thake.' },
    ],
  },
  {
    lang: 'banglish', topic: 'complaint', team: 'orders', needsOrder: true, priority: 'high',
    lines: [
      { from: 'customer', text: 'delivery man 50 tk beshi chailo. bolse eta naki charge. eita ki?' },
      { from: 'agent', text: 'Eta ekdom e accepted na, sorry. Order number ta diben?' },
      { from: 'customer', text: '{order}' },
      { from: 'agent', text: 'Thanks. Rider er bepare courier company te complain kora hoyeche, ar extra 50 taka apnar bKash e ferot pathano hobe.' },
    ],
  },
  {
    lang: 'banglish', topic: 'order_status', team: 'orders', needsOrder: true, priority: 'low',
    lines: [
      { from: 'customer', text: 'amar order ta ki confirm hoise? kono sms pai nai. {order}' },
      { from: 'agent', text: 'Ji, apnar order confirm hoyeche. SMS ashte deri hote pare, ami abar pathiye dilam.' },
    ],
  },
  {
    lang: 'banglish', topic: 'cancel', team: 'orders', needsOrder: true, priority: 'medium',
    lines: [
      { from: 'customer', text: 'order cancel korbo, onno jaygay kom dame paisi. {order}' },
      { from: 'agent', text: 'Order ta already ship hoye geche, tai ekhon cancel kora jabe na. Delivery er somoy receive na korle return hoye ashbe.' },
      { from: 'customer', text: 'tahole kono charge katbe?' },
      { from: 'agent', text: 'Na, COD order e kono charge nai. Tobe bar bar receive na korle account e COD off hoye jete pare.' },
    ],
  },
  {
    lang: 'banglish', topic: 'product_question', team: 'general', vendor: 'gadgetghor', needsProduct: true, priority: 'medium',
    productCategories: GADGETS,
    lines: [
      { from: 'customer', text: '{product} ki original? fake hoile ki hobe?' },
      { from: 'vendor', text: 'GadgetGhor theke bolchi vai. Amra sudhu authorized distributor theke product ani, 100% original. Box e verification code thake, brand er website e check korte parben.' },
      { from: 'customer', text: 'fake hoile taka ferot?' },
      { from: 'vendor', text: 'Ji, fake proman hole full refund, delivery charge soho.' },
    ],
  },
  {
    lang: 'banglish', topic: 'praise', team: 'general', priority: 'low',
    lines: [
      { from: 'customer', text: 'apu apnara onek help korsen, refund ta ek din ei peye gelam. thank you so much' },
      { from: 'agent', text: 'Apnakeo onek dhonnobad! Dokan Bazar er sathe thakar jonno thanks 😊' },
    ],
  },
  {
    lang: 'banglish', topic: 'return', team: 'orders', needsOrder: true, priority: 'medium',
    lines: [
      { from: 'customer', text: 'ami blue color order korsilam, pathaise maroon. {order}' },
      { from: 'agent', text: 'Sorry vul er jonno. Free te return nibo, kal pickup book kore dicchi. Blue color ta stock e ache, replacement pathabo?' },
      { from: 'customer', text: 'ha blue tai lagbe' },
      { from: 'agent', text: 'Done. Pickup kal, blue color ta 2-3 diner moddhe pouche jabe.' },
    ],
  },
  {
    lang: 'banglish', topic: 'payment', team: 'payments', priority: 'low',
    lines: [
      { from: 'customer', text: 'COD te order korle ki extra charge lage?' },
      { from: 'agent', text: 'Na, COD er jonno extra kono charge nai. Sudhu normal delivery charge — Dhaka te 60 taka, Dhaka er baire 120 taka.' },
    ],
  },
  {
    lang: 'banglish', topic: 'account', team: 'general', priority: 'low',
    lines: [
      { from: 'customer', text: 'account er phone number change korbo kivabe? notun sim nisi' },
      { from: 'agent', text: 'Profile → Phone Number e giye notun number din, verify korar jonno OTP pathano hobe.' },
      { from: 'customer', text: 'ok korsi, hoye gese' },
    ],
  },
  {
    lang: 'banglish', topic: 'delivery_delay', team: 'orders', needsOrder: true, priority: 'medium',
    lines: [
      { from: 'customer', text: 'rider call dise, bolse kal dibe. kintu 2 din dhore eki kotha bolteche. {order}' },
      { from: 'agent', text: 'Sorry vai. Ami RedX er sathe kotha bolchi.' },
      { from: 'agent', text: 'RedX confirm koreche aj shondhar moddhe delivery hobe. Rider er number SMS e pathiye dilam.' },
      { from: 'customer', text: 'dekhi ashe kina' },
    ],
  },
  {
    lang: 'banglish', topic: 'complaint', team: 'orders', needsOrder: true, priority: 'urgent',
    lines: [
      { from: 'customer', text: 'eid er jonno order korsilam, eid shesh hoye gelo ekhono product ashe nai!! taka ferot chai ekhoni. {order}' },
      { from: 'agent', text: 'Vai, ei obosthar jonno amra sotti lojjito. Eid rush e courier e onek backlog chilo, tobuo eta howa uchit hoy nai.' },
      { from: 'customer', text: 'excuse shunte chai na. refund din.' },
      { from: 'agent', text: 'Order cancel kore full refund process kore diyechi — bKash e 24 ghontar moddhe taka pouche jabe. Sathe 300 taka er ekta voucher dilam.' },
    ],
  },
  {
    lang: 'banglish', topic: 'order_status', team: 'orders', needsOrder: true, priority: 'medium',
    lines: [
      { from: 'customer', text: 'amar order e 4 ta item chilo, pailam 2 ta. baki gula koi? {order}' },
      { from: 'agent', text: 'Apnar order ta 2 ta parcel e bhag hoyeche karon item gula alada seller er. Baki 2 ta item RedX e ache, kal peye jaben.' },
      { from: 'customer', text: 'oh acha, thik ache' },
    ],
  },
  {
    lang: 'banglish', topic: 'product_question', team: 'general', vendor: 'rangdhanu', needsProduct: true, priority: 'low',
    productCategories: ['panjabi', 'mens-wear'],
    lines: [
      { from: 'customer', text: '{product} er size chart ta diben? amar chest 38' },
      { from: 'vendor', text: 'Rangdhanu theke bolchi. 38 chest hole M size nite paren — M er chest 40", lomba 41". Loose pochondo korle L nin.' },
      { from: 'customer', text: 'M e nibo. dhaka te kobe pabo?' },
      { from: 'agent', text: 'Dhaka te 1-2 diner moddhe delivery hoye jabe.' },
    ],
  },
  {
    lang: 'banglish', topic: 'refund', team: 'payments', priority: 'medium',
    lines: [
      { from: 'customer', text: 'refund ta bkash e na diye wallet e dise keno? ami bkash e chai' },
      { from: 'agent', text: 'By default wallet e refund jay karon eta instant. Apni chaile wallet theke bKash e transfer kore dite pari.' },
      { from: 'customer', text: 'ha bkash e den' },
      { from: 'agent', text: 'Done, 3 working day er moddhe bKash e pouche jabe.' },
    ],
  },
  {
    lang: 'banglish', topic: 'product_question', team: 'general', needsProduct: true, priority: 'low',
    productCategories: HOME,
    lines: [
      { from: 'customer', text: '{product} er warranty koto din? nosto hoile kothay thik korabo?' },
      { from: 'agent', text: 'Ei product e 1 bochor manufacturer warranty ache. Dhaka, Chattogram ar Sylhet e brand er service center e nite paren, ba amader maddhome pathate paren.' },
      { from: 'customer', text: 'ok, thanks' },
    ],
  },
];

export const scripts: DemoScript[] = [...en, ...bn, ...banglish];

// ---------------------------------------------------------------------------
// Generic agent replies (for filler turns / suggestions)
// ---------------------------------------------------------------------------

export const agentReplies: Record<Lang, string[]> = {
  en: [
    'Hello! Thanks for contacting Dokan Bazar. How can I help you today?',
    'Thanks for your patience — let me check that for you.',
    'Could you please share your order number (it looks like DB-240123)?',
    'I have checked with the courier and will update you shortly.',
    "I'm sorry for the inconvenience. I've escalated this to the concerned team.",
    'Your request has been noted. You will receive an SMS update soon.',
    'Is there anything else I can help you with?',
    'Thank you for shopping with Dokan Bazar. Have a great day!',
    "Since we haven't heard back from you, I'm closing this conversation. Feel free to message us anytime.",
    'Eid Mubarak! Due to the Eid rush, deliveries may take 1–2 extra days. Thank you for understanding.',
  ],
  bn: [
    'আসসালামু আলাইকুম! দোকান বাজারে যোগাযোগ করার জন্য ধন্যবাদ। কীভাবে সাহায্য করতে পারি?',
    'একটু অপেক্ষা করুন, আমি বিষয়টি চেক করে জানাচ্ছি।',
    'অনুগ্রহ করে আপনার অর্ডার নম্বরটি দিন (যেমন DB-240123)।',
    'কুরিয়ারের সাথে কথা বলেছি, কিছুক্ষণের মধ্যেই আপডেট জানাচ্ছি।',
    'অসুবিধার জন্য আমরা আন্তরিকভাবে দুঃখিত। বিষয়টি সংশ্লিষ্ট টিমকে জানানো হয়েছে।',
    'আপনার অনুরোধটি নোট করা হয়েছে। শীঘ্রই এসএমএসে আপডেট পাবেন।',
    'আর কোনোভাবে সাহায্য করতে পারি?',
    'দোকান বাজারের সাথে থাকার জন্য ধন্যবাদ। আপনার দিনটি ভালো কাটুক!',
    'আপনার কাছ থেকে কোনো উত্তর না পাওয়ায় কথোপকথনটি বন্ধ করছি। প্রয়োজনে যেকোনো সময় মেসেজ দিন।',
    'ঈদ মোবারক! ঈদের চাপের কারণে ডেলিভারিতে ১–২ দিন বেশি লাগতে পারে। ধৈর্য ধরার জন্য ধন্যবাদ।',
  ],
  banglish: [
    'Assalamu alaikum! Dokan Bazar e message korar jonno dhonnobad. Kivabe help korte pari?',
    'Ektu wait korun, ami check kore janacchi.',
    'Apnar order number ta diben please? (jemon DB-240123)',
    'Courier er sathe kotha bolechi, ektu por update dicchi.',
    'Osubidhar jonno amra dukkhito. Bishoy ta concerned team ke janano hoyeche.',
    'Apnar request note kora hoyeche. SMS e update peye jaben.',
    'Ar kono help lagbe?',
    'Dokan Bazar er sathe thakar jonno thanks! Bhalo thakben.',
    'Apnar kach theke reply na pawa e conversation ta close korchi. Dorkar hole jekono somoy message diben.',
    'Eid Mubarak! Eid rush er karone delivery te 1-2 din beshi lagte pare. Bujhar jonno thanks.',
  ],
};

// ---------------------------------------------------------------------------
// Canned responses (macros)
// ---------------------------------------------------------------------------

export const cannedResponses: { shortCode: string; title: string; content: string; lang: 'en' | 'bn' }[] = [
  {
    shortCode: 'greet',
    title: 'Greeting',
    lang: 'en',
    content: 'Hello! Thank you for contacting Dokan Bazar support. My name is {{agent.name}}. How can I help you today?',
  },
  {
    shortCode: 'greet',
    title: 'শুভেচ্ছা',
    lang: 'bn',
    content: 'আসসালামু আলাইকুম! দোকান বাজার সাপোর্টে যোগাযোগ করার জন্য ধন্যবাদ। আমি {{agent.name}}। কীভাবে সাহায্য করতে পারি?',
  },
  {
    shortCode: 'order-status',
    title: 'Order status check',
    lang: 'en',
    content: 'Thanks! Please share your order number (e.g. DB-240123) and the phone number used for the order, and I will check the latest status with the courier.',
  },
  {
    shortCode: 'order-status',
    title: 'অর্ডারের অবস্থা যাচাই',
    lang: 'bn',
    content: 'ধন্যবাদ! অনুগ্রহ করে আপনার অর্ডার নম্বর (যেমন DB-240123) এবং অর্ডারে ব্যবহৃত ফোন নম্বরটি দিন, আমি কুরিয়ারের কাছ থেকে সর্বশেষ অবস্থা জেনে জানাচ্ছি।',
  },
  {
    shortCode: 'refund-policy',
    title: 'Refund & return policy (7 days)',
    lang: 'en',
    content: 'You can return most items within 7 days of delivery, unused and with the original tags and packaging. Once we receive the item, the refund is approved within 48 hours and sent to your original payment method (bKash, Nagad or card) or your Dokan Bazar wallet. Fresh groceries and personal care items are not returnable unless damaged or expired.',
  },
  {
    shortCode: 'refund-policy',
    title: 'রিফান্ড ও রিটার্ন নীতি (৭ দিন)',
    lang: 'bn',
    content: 'ডেলিভারির ৭ দিনের মধ্যে অব্যবহৃত পণ্য মূল ট্যাগ ও প্যাকেটসহ ফেরত দিতে পারবেন। পণ্য আমাদের কাছে পৌঁছানোর ৪৮ ঘণ্টার মধ্যে রিফান্ড অনুমোদন করা হয় এবং যে মাধ্যমে পেমেন্ট করেছিলেন (বিকাশ, নগদ বা কার্ড) সেখানে অথবা আপনার দোকান বাজার ওয়ালেটে টাকা ফেরত পাঠানো হয়। কাঁচা বাজার ও ব্যক্তিগত ব্যবহারের পণ্য ক্ষতিগ্রস্ত বা মেয়াদোত্তীর্ণ না হলে ফেরতযোগ্য নয়।',
  },
  {
    shortCode: 'delivery-time',
    title: 'Delivery times',
    lang: 'en',
    content: 'Delivery inside Dhaka takes 1–2 days, and 3–5 days outside Dhaka (Chattogram, Sylhet, Rajshahi and elsewhere). During Eid and big campaigns it may take 1–2 extra days. We deliver through Pathao, RedX and Steadfast, and you will get an SMS with the tracking link once your parcel is shipped.',
  },
  {
    shortCode: 'delivery-time',
    title: 'ডেলিভারির সময়',
    lang: 'bn',
    content: 'ঢাকার ভেতরে ডেলিভারি হতে ১–২ দিন এবং ঢাকার বাইরে (চট্টগ্রাম, সিলেট, রাজশাহীসহ অন্যান্য জেলায়) ৩–৫ দিন সময় লাগে। ঈদ ও বড় ক্যাম্পেইনের সময় ১–২ দিন বেশি লাগতে পারে। আমরা পাঠাও, রেডএক্স ও স্টেডফাস্টের মাধ্যমে ডেলিভারি দিই; পার্সেল পাঠানোর পর এসএমএসে ট্র্যাকিং লিংক পাবেন।',
  },
  {
    shortCode: 'bkash-refund',
    title: 'bKash refund timeline',
    lang: 'en',
    content: 'Your refund has been approved and sent to the same bKash number you paid from. bKash refunds usually arrive within 3–5 working days, and you will receive an SMS from bKash when the money lands. If it has not arrived after 5 working days, just reply here and we will trace it for you.',
  },
  {
    shortCode: 'bkash-refund',
    title: 'বিকাশে রিফান্ড',
    lang: 'bn',
    content: 'আপনার রিফান্ড অনুমোদন হয়েছে এবং যে বিকাশ নম্বর থেকে পেমেন্ট করেছিলেন সেই নম্বরেই পাঠানো হয়েছে। বিকাশে রিফান্ড আসতে সাধারণত ৩–৫ কর্মদিবস লাগে, টাকা পৌঁছালে বিকাশ থেকে এসএমএস পাবেন। ৫ কর্মদিবস পরেও না পেলে এখানে জানাবেন, আমরা খোঁজ নিয়ে দেখব।',
  },
  {
    shortCode: 'cod',
    title: 'Cash on delivery',
    lang: 'en',
    content: 'Cash on delivery is available all over Bangladesh for orders up to ৳20,000. Please keep the exact amount ready and check the parcel in front of the rider. The delivery charge is already included in your invoice — you never need to pay the rider anything extra.',
  },
  {
    shortCode: 'cod',
    title: 'ক্যাশ অন ডেলিভারি',
    lang: 'bn',
    content: 'সারা বাংলাদেশে ২০,০০০ টাকা পর্যন্ত অর্ডারে ক্যাশ অন ডেলিভারি পাবেন। অনুগ্রহ করে সঠিক পরিমাণ টাকা প্রস্তুত রাখুন এবং রাইডারের সামনেই পার্সেল দেখে নিন। ডেলিভারি চার্জ ইনভয়েসেই যোগ করা আছে, রাইডারকে কোনো বাড়তি টাকা দিতে হবে না।',
  },
  {
    shortCode: 'closing',
    title: 'Closing',
    lang: 'en',
    content: 'Is there anything else I can help you with? Thank you for shopping with Dokan Bazar — have a lovely day!',
  },
  {
    shortCode: 'closing',
    title: 'সমাপনী',
    lang: 'bn',
    content: 'আর কোনো বিষয়ে সাহায্য লাগবে? দোকান বাজারের সাথে থাকার জন্য ধন্যবাদ, আপনার দিনটি ভালো কাটুক!',
  },
];

// ---------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------

export const labels: { name: string; color: string }[] = [
  { name: 'refund', color: '#E11D48' },
  { name: 'delivery', color: '#0EA5E9' },
  { name: 'vip', color: '#A855F7' },
  { name: 'bug', color: '#DC2626' },
  { name: 'payment', color: '#16A34A' },
  { name: 'eid-campaign', color: '#F59E0B' },
  { name: 'return', color: '#F97316' },
  { name: 'vendor', color: '#6366F1' },
  { name: 'damaged', color: '#78716C' },
];

/**
 * Suggested labels per topic, for the seeder to tag conversations with.
 * (Scripts mentioning Eid can additionally get 'eid-campaign'.)
 */
export const topicLabels: Record<DemoTopic, string[]> = {
  order_status: ['delivery'],
  delivery_delay: ['delivery'],
  refund: ['refund', 'payment'],
  return: ['return'],
  payment: ['payment'],
  product_question: [],
  account: [],
  complaint: [],
  cancel: [],
  praise: ['vip'],
};
