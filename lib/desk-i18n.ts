export type DeskLocale = 'en' | 'bn';

const en = {
  signIn: 'Sign in', email: 'Email', password: 'Password', signingIn: 'Signing in…', signOut: 'Sign out',
  unassigned: 'Unassigned', mine: 'Mine', teams: 'My teams', all: 'All', vendorInbox: 'Vendor inbox',
  open: 'Open', pending: 'Pending', snoozed: 'Snoozed', resolved: 'Resolved',
  priority: 'Priority', anyPriority: 'Any priority', label: 'Label', anyLabel: 'Any label', status: 'Status', channel: 'Channel', anyChannel: 'Any channel', channelWeb: 'Web chat',
  none: 'None', low: 'Low', medium: 'Medium', high: 'High', urgent: 'Urgent',
  noConversations: 'No conversations here.', selectConversation: 'Select a conversation', loadOlder: 'Load older messages',
  reply: 'Reply', note: 'Private note', send: 'Send', addNote: 'Add note', typeReply: 'Type a reply… ( / for canned responses )',
  typeNote: 'Write a private note — the customer never sees it', resolve: 'Resolve', reopen: 'Reopen', snooze: 'Snooze',
  assignee: 'Assignee', unassignedOption: 'Unassigned', team: 'Team', assignToMe: 'Assign to me', labels: 'Labels',
  customer: 'Customer', pastConversations: 'Past conversations', orders: 'Orders', attached: 'Attached', verified: 'Verified',
  online: 'Online', away: 'Away', offline: 'Offline', isTyping: 'is typing…', customerTyping: 'Customer is typing…',
  shortcuts: 'Keyboard shortcuts', close: 'Close', supervisor: 'Supervisor view', loading: 'Loading…', loadMore: 'Load more',
  snooze1h: '1 hour', snoozeTomorrow: 'Tomorrow 9:00', snoozeWeek: 'Next week', seen: 'Seen', delivered: 'Delivered', sent: 'Sent',
  sending: 'Sending…', failed: 'Not sent — retry', noteBadge: 'Note', lastSeen: 'Last seen', context: 'Conversation about',
  agent: 'Agent', handling: 'Open', pendingCount: 'Pending', queue: 'Waiting in queue', since: 'since',
  disconnected: 'Reconnecting… changes will sync when the connection is back.', errorGeneric: 'Something went wrong',
  aiReading: 'AI reading', sentiment_negative: 'Negative', sentiment_neutral: 'Neutral', sentiment_positive: 'Positive',
  intent_order_status: 'Order status', intent_cancel_order: 'Cancel order', intent_return_refund: 'Return / refund', intent_payment: 'Payment',
  intent_account: 'Account', intent_product_info: 'Product question', intent_other: 'Other',
  lang_en: 'English', lang_bn: 'Bengali', lang_banglish: 'Banglish', lang_mixed: 'Mixed',
};
export type DeskDict = typeof en;

const bn: DeskDict = {
  signIn: 'সাইন ইন', email: 'ইমেইল', password: 'পাসওয়ার্ড', signingIn: 'সাইন ইন হচ্ছে…', signOut: 'সাইন আউট',
  unassigned: 'অনির্ধারিত', mine: 'আমার', teams: 'আমার টিম', all: 'সব', vendorInbox: 'বিক্রেতার ইনবক্স',
  open: 'খোলা', pending: 'অপেক্ষমাণ', snoozed: 'স্থগিত', resolved: 'সমাধান হয়েছে',
  priority: 'অগ্রাধিকার', anyPriority: 'যেকোনো অগ্রাধিকার', label: 'লেবেল', anyLabel: 'যেকোনো লেবেল', status: 'অবস্থা', channel: 'চ্যানেল', anyChannel: 'যেকোনো চ্যানেল', channelWeb: 'ওয়েব চ্যাট',
  none: 'নেই', low: 'কম', medium: 'মাঝারি', high: 'বেশি', urgent: 'জরুরি',
  noConversations: 'এখানে কোনো কথোপকথন নেই।', selectConversation: 'একটি কথোপকথন বেছে নিন', loadOlder: 'পুরোনো বার্তা দেখুন',
  reply: 'উত্তর', note: 'ব্যক্তিগত নোট', send: 'পাঠান', addNote: 'নোট যোগ করুন', typeReply: 'উত্তর লিখুন… ( / দিয়ে তৈরি উত্তর )',
  typeNote: 'ব্যক্তিগত নোট — গ্রাহক কখনো দেখবেন না', resolve: 'সমাধান', reopen: 'আবার খুলুন', snooze: 'স্থগিত',
  assignee: 'দায়িত্বপ্রাপ্ত', unassignedOption: 'কেউ না', team: 'টিম', assignToMe: 'আমাকে দিন', labels: 'লেবেল',
  customer: 'গ্রাহক', pastConversations: 'আগের কথোপকথন', orders: 'অর্ডার', attached: 'সংযুক্ত', verified: 'যাচাইকৃত',
  online: 'অনলাইন', away: 'দূরে', offline: 'অফলাইন', isTyping: 'লিখছেন…', customerTyping: 'গ্রাহক লিখছেন…',
  shortcuts: 'কীবোর্ড শর্টকাট', close: 'বন্ধ', supervisor: 'সুপারভাইজার ভিউ', loading: 'লোড হচ্ছে…', loadMore: 'আরও দেখুন',
  snooze1h: '১ ঘণ্টা', snoozeTomorrow: 'আগামীকাল ৯:০০', snoozeWeek: 'আগামী সপ্তাহ', seen: 'দেখেছেন', delivered: 'পৌঁছেছে', sent: 'পাঠানো হয়েছে',
  sending: 'পাঠানো হচ্ছে…', failed: 'পাঠানো যায়নি — আবার চেষ্টা করুন', noteBadge: 'নোট', lastSeen: 'শেষ দেখা', context: 'বিষয়',
  agent: 'এজেন্ট', handling: 'খোলা', pendingCount: 'অপেক্ষমাণ', queue: 'সারিতে অপেক্ষমাণ', since: 'থেকে',
  disconnected: 'আবার সংযোগ হচ্ছে… সংযোগ ফিরলে পরিবর্তনগুলো মিলে যাবে।', errorGeneric: 'কিছু একটা ভুল হয়েছে',
  aiReading: 'এআই-এর পাঠ', sentiment_negative: 'নেতিবাচক', sentiment_neutral: 'নিরপেক্ষ', sentiment_positive: 'ইতিবাচক',
  intent_order_status: 'অর্ডারের অবস্থা', intent_cancel_order: 'অর্ডার বাতিল', intent_return_refund: 'ফেরত / রিফান্ড', intent_payment: 'পেমেন্ট',
  intent_account: 'অ্যাকাউন্ট', intent_product_info: 'পণ্যের প্রশ্ন', intent_other: 'অন্যান্য',
  lang_en: 'ইংরেজি', lang_bn: 'বাংলা', lang_banglish: 'বাংলিশ', lang_mixed: 'মিশ্র',
};

export const deskDictionaries: Record<DeskLocale, DeskDict> = { en, bn };
