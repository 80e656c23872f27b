import type { Catalogue } from '../catalogue.ts';

export const ja: Catalogue = {
  dateLocale: 'ja-JP',
  role: { admin: '管理者', member: 'メンバー', viewer: '閲覧者' },
  someAdmin: '管理者',
  yourOrg: 'あなたの組織',
  invitation: {
    subject: (inviter, org) => `${inviter}さんから${org}への招待が届いています`,
    lead: (inviter, org, role) => `${inviter}さんが、あなたを${role}として${org}に招待しました。`,
    messageFrom: (inviter) => `${inviter}さんからのメッセージ:`,
    accept: '招待を承諾する',
    button: '招待を承諾',
    expires: (when) => `この招待の有効期限は${when}です。心当たりがない場合は、このメールを無視してください。`,
  },
  reminder: {
    subject: (org) => `リマインダー: ${org}への招待の有効期限が近づいています`,
    lead: (inviter, org, role) => `リマインダー: ${inviter}さんが、あなたを${role}として${org}に招待しています。`,
  },
  added: {
    subject: (org) => `${org}に追加されました`,
    lead: (inviter, org, role) => `${inviter}さんが、あなたを${role}として${org}に追加しました。`,
    open: (org) => `${org}を開く`,
    unexpected: '心当たりがありませんか?',
    leave: (org) => `ワンクリックで${org}から退出する`,
  },
  joinRequest: {
    subject: (email, org) => `${email}さんが${org}への参加を希望しています`,
    lead: (who, org, role) => `${who}さんが参加リンクを使い、${role}として${org}への参加を希望しています。`,
    review: 'リクエストを承認または拒否する',
    why: (org) => `あなたは${org}の管理者のため、このメールを受け取っています。管理者が承認するまで誰も参加しません。`,
  },
  accepted: {
    subject: (who, org) => `${who}さんが${org}に参加しました`,
    lead: (who, org, role) => `${who}さんがあなたの招待を承諾し、${role}として${org}に参加しました。`,
    why: 'あなたが招待を送信したため、このメールを受け取っています。管理者は組織の設定でこの通知をオフにできます。',
  },
  renewal: {
    subject: (email, org) => `${email}さんが${org}への新しい招待を求めています`,
    lead: (email, org, role, when) => `${email}さんを${role}として${org}に招待した招待は${when}に期限切れとなり、新しい招待が求められています。`,
    next: 'まだ参加すべき場合は、組織の招待ページから再度招待してください。そうでなければ、対応は不要です。',
  },
  accessEnding: {
    subject: (org, when) => `${org}へのアクセスは${when}に終了します`,
    lead: (org, when) => `${org}へのアクセスは${when}に終了します。`,
    ask: (org) => `引き続き必要な場合は、${org}の管理者に延長を依頼してください。`,
    open: (org) => `${org}を開く`,
  },
  memberAccessEnding: {
    subject: (member, org, when) => `${member}さんの${org}へのアクセスは${when}に終了します`,
    lead: (who, org, when) => `${who}さんの${org}へのアクセスは${when}に終了し、その後メンバーシップは削除されます。`,
    act: 'このメンバーを残すには、メンバーページで終了日を延長するか削除してください',
    link: (org) => `${org}のメンバー`,
  },
};
