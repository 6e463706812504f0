// Strings of the customer widget. Kept as a plain object (no i18n library): the widget page has a hard JS budget.
// Placeholders like {n} and {name} are filled by `fill`; numbers are formatted by the caller (Bengali digits).

export type WidgetLocale = 'bn' | 'en';

const en = {
  chatTitle: 'Chat with us',
  onlineSubtitle: 'We reply in a few minutes',
  offlineSubtitle: "We'll reply as soon as we're back",
  agentSubtitle: 'Support team',
  close: 'Close chat',
  switchLanguage: 'Switch language to Bengali',
  langButton: 'বাংলা',
  offlineHours: "We're offline right now — leave a message and we'll reply by email or phone.",
  connecting: 'Connecting…',
  networkOffline: "You're offline — messages will be sent when you're back.",
  askingAbout: 'Asking about',
  order: 'Order',
  prechatIntro: 'Tell us how to reach you, then start chatting.',
  prechatOfflineIntro: "We're offline. Leave your phone number or email and we'll get back to you.",
  name: 'Your name',
  email: 'Email',
  phone: 'Mobile number',
  phoneOrEmail: 'Phone number or email — at least one',
  startChat: 'Start chat',
  errName: 'Please enter your name',
  errContact: 'Enter your mobile number or email so we can reply',
  errEmail: 'This email address does not look right',
  errPhone: 'Use digits only, e.g. 01712345678',
  messageLabel: 'Message',
  placeholder: 'Type your message…',
  send: 'Send',
  charsLeft: '{n} characters left',
  tooLong: 'Too long: {n} / {max} characters',
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not sent',
  retry: 'Retry',
  delete: 'Delete',
  typing: '{name} is typing…',
  someoneTyping: 'Support is typing…',
  queuePosition: 'You are #{n} in line',
  queueEta: 'about {m} min',
  queueNoAgents: 'no agent is online right now: we will reply as soon as one is back',
  queueWaiting: 'Waiting for the next available agent…',
  agentJoined: '{name} joined the conversation',
  resolved: 'This conversation was resolved',
  newConversation: 'Start a new conversation',
  conversationDivider: 'New conversation',
  you: 'You',
  errSignIn: 'Please sign in to the shop to chat with us.',
  errNotFound: 'This chat is not available.',
  errTooMany: 'Too many attempts. Please wait a moment…',
  errGeneric: "We couldn't connect to support. Trying again…",
  tryAgain: 'Try again',
  logLabel: 'Conversation',
  loading: 'Loading…',
};
export type WidgetDict = typeof en;

const bn: WidgetDict = {
  chatTitle: 'আমাদের সাথে চ্যাট করুন',
  onlineSubtitle: 'কয়েক মিনিটেই উত্তর দিই',
  offlineSubtitle: 'ফিরে এসেই উত্তর দেব',
  agentSubtitle: 'সাপোর্ট টিম',
  close: 'চ্যাট বন্ধ করুন',
  switchLanguage: 'Switch language to English',
  langButton: 'English',
  offlineHours: 'আমরা এখন অফলাইনে আছি — বার্তা রেখে যান, আমরা ইমেইল বা ফোনে উত্তর দেব।',
  connecting: 'সংযোগ করা হচ্ছে…',
  networkOffline: 'আপনি অফলাইনে আছেন — সংযোগ ফিরলে বার্তা পাঠানো হবে।',
  askingAbout: 'যে বিষয়ে জানতে চান',
  order: 'অর্ডার',
  prechatIntro: 'কীভাবে যোগাযোগ করব জানিয়ে চ্যাট শুরু করুন।',
  prechatOfflineIntro: 'আমরা এখন অফলাইনে। আপনার ফোন নম্বর বা ইমেইল দিন, আমরা যোগাযোগ করব।',
  name: 'আপনার নাম',
  email: 'ইমেইল',
  phone: 'মোবাইল নম্বর',
  phoneOrEmail: 'ফোন নম্বর বা ইমেইল — অন্তত একটি',
  startChat: 'চ্যাট শুরু করুন',
  errName: 'অনুগ্রহ করে আপনার নাম লিখুন',
  errContact: 'উত্তর দেওয়ার জন্য মোবাইল নম্বর বা ইমেইল দিন',
  errEmail: 'ইমেইল ঠিকানাটি সঠিক মনে হচ্ছে না',
  errPhone: 'শুধু সংখ্যা লিখুন, যেমন ০১৭১২৩৪৫৬৭৮',
  messageLabel: 'বার্তা',
  placeholder: 'আপনার বার্তা লিখুন…',
  send: 'পাঠান',
  charsLeft: 'আর {n} অক্ষর লেখা যাবে',
  tooLong: 'অনেক বড়: {n} / {max} অক্ষর',
  sending: 'পাঠানো হচ্ছে',
  sent: 'পাঠানো হয়েছে',
  delivered: 'পৌঁছেছে',
  read: 'পড়া হয়েছে',
  failed: 'পাঠানো যায়নি',
  retry: 'আবার চেষ্টা',
  delete: 'মুছুন',
  typing: '{name} লিখছেন…',
  someoneTyping: 'সাপোর্ট টিম লিখছে…',
  queuePosition: 'লাইনে আপনি {n} নম্বরে আছেন',
  queueEta: 'আনুমানিক {m} মিনিট',
  queueNoAgents: 'এই মুহূর্তে কোনো এজেন্ট অনলাইনে নেই: কেউ ফিরলেই উত্তর দেবেন',
  queueWaiting: 'পরবর্তী এজেন্টের জন্য অপেক্ষা করছি…',
  agentJoined: '{name} কথোপকথনে যোগ দিয়েছেন',
  resolved: 'এই কথোপকথনটি সমাধান করা হয়েছে',
  newConversation: 'নতুন কথোপকথন শুরু করুন',
  conversationDivider: 'নতুন কথোপকথন',
  you: 'আপনি',
  errSignIn: 'আমাদের সাথে চ্যাট করতে দোকানে সাইন ইন করুন।',
  errNotFound: 'এই চ্যাটটি পাওয়া যাচ্ছে না।',
  errTooMany: 'অনেকবার চেষ্টা করা হয়েছে। একটু অপেক্ষা করুন…',
  errGeneric: 'সাপোর্টের সাথে সংযোগ করা যায়নি। আবার চেষ্টা করছি…',
  tryAgain: 'আবার চেষ্টা করুন',
  logLabel: 'কথোপকথন',
  loading: 'লোড হচ্ছে…',
};

export const widgetDictionaries: Record<WidgetLocale, WidgetDict> = { en, bn };

/** Fills {placeholders}; values are inserted as given (format numbers first). */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function isWidgetLocale(v: unknown): v is WidgetLocale {
  return v === 'bn' || v === 'en';
}

/** Bengali for a Bengali browser, English otherwise. */
export function localeFromNavigator(lang: string | undefined): WidgetLocale {
  return lang?.toLowerCase().startsWith('bn') ? 'bn' : 'en';
}
