/** The server's texts for readers in Japanese, in the polite です/ます style of the widget. */
import type { ServerWords } from '../en.ts';

export const words: ServerWords = {
  invalidInput: '印の付いた項目を修正してください。',
  siteNotAllowed:
    'このコメントサーバーは {origin} のページへのコメントを受け付けていません。サイト運営者は、このオリジンを SITE_ORIGINS に追加できます。',
  parentNotFound: '返信先のコメントはこのページにありません（削除された可能性があります）。',
  commentNotFound: 'ID が {id} のコメントはありません。',
  feedNotFound:
    'このコメントサーバーは {origin} のページのコメントを保存していないため、そのフィードはありません。',
  commentsClosed: 'このページではコメントの受け付けを終了しています。',
  notShown: 'ID が {id} のコメントはないため、いいねできません。',
  likesOff: 'このサイトでは、コメントへのいいねは無効になっています。',
  formUnverified:
    'このページのフォームを確認できませんでした。ページを再読み込みして、もう一度送信してください。',
  formExpired: {
    other:
      'このフォームは{n}時間を超えて開いたままだったため、更新されました。もう一度コメントを送信してください。',
  },
  tooFast: {
    other:
      '人がコメントを書くにしては速すぎる送信でした。{n}秒待ってから、もう一度送信してください。',
  },
  flood: {
    other: 'コメントの投稿間隔が短すぎます。{n}秒待ってから、もう一度投稿してください。',
  },
  rateLimited: {
    other: 'お使いの接続からのリクエストが多すぎます。{n}秒後にもう一度お試しください。',
  },
  duplicate: 'コメントの重複を検出しました。同じ内容をすでに投稿しているようです！',
  challengeRequired:
    'このコメントを受け付ける前に、ブラウザーがスパム対策の短いチェックを解く必要があります。解答を付けてもう一度送信してください。',
  challengeInvalid:
    'このコメントと一緒に送られたスパム対策のチェックは無効です。コメントをもう一度送信してください。',
  challengeUsed:
    'このコメントと一緒に送られたスパム対策のチェックはすでに使われています。コメントをもう一度送信してください。',
  challengeExpired:
    'このコメントと一緒に送られたスパム対策のチェックは有効期限が切れています。コメントをもう一度送信してください。',
  blocked:
    'このコメントは受け付けられません。サイトがブロックしている語句、アドレス、ネットワークのリストに該当します。',
  notYourComment: 'このコメントは、投稿したときのブラウザからのみ変更できます。',
  editWindowClosed: {
    other:
      'コメントの編集・削除は投稿後{n}分以内に限られます。変更が必要な場合は、サイト運営者にお問い合わせください。',
  },
  notUtf8: 'JSON は UTF-8 で送信してください。このリクエストは {charset} と指定されています。',
  storageUnavailable:
    'サーバーのストレージが利用できないため、現在コメントを保存できません。数分後にもう一度お試しください。',
  bodyTooLarge: 'リクエストが {n} KB を超えています。',
  notJson:
    'リクエストの本文は、「Content-Type: application/json」を指定して JSON で送信してください。',
  emptyBody: 'リクエストの本文が空です。',
  invalidJson: 'リクエストの本文が有効な JSON ではありません。',
  badUrl: 'このリクエストのアドレスの形式が正しくありません。',
  urlPartTooLong: 'このアドレスの一部が長すぎます。',
  notFound: '{method} {url} には何もありません。',
  serverError: 'サーバーで問題が発生しました。もう一度お試しください。',

  fieldRequired: 'この項目は必須です。',
  fieldTooLong: { other: '{n}文字以内で入力してください。' },
  fieldTooShort: { other: '{n}文字以上で入力してください。' },
  fieldEmpty: '空にはできません。',
  fieldWrongType: '型が正しくありません。',
  fieldBelowMinimum: '{n} 以上の値にしてください。',
  fieldAboveMaximum: '{n} 以下の値にしてください。',
  fieldTooManyItems: { other: '項目は{n}個以下にしてください。' },
  fieldNotAllowed: '許可されている値ではありません。',
  fieldWholeNumber: '整数で指定してください。',
  fieldInvalid: '有効な値ではありません。',
  pageUrlInvalid: 'ページのアドレスは http(s) の URL にしてください。',
  parentNotReplyable: 'このコメントには返信できません。',
  cursorInvalid: 'これは前のページから得たカーソルではありません。',
  cursorOtherOrder:
    'このカーソルは、sort={asked} ではなく sort={was} の順でコメントの続きを返すものです。最初のページからやり直してください。',
  countsTooMany: { other: '一度に指定できるページは{n}件までです。' },
  countsNotUrl: '「{url}」は http(s) の URL ではありません。',
  feedUrlMissing: 'コメントをフォローするページのアドレスを指定してください。',
  feedSiteMissing: 'または、コメントをフォローするサイトのオリジンを指定してください。',
  feedOneOf:
    'url（ページのアドレス）か site（オリジン）のどちらか一方を指定してください。両方は指定できません。',
  feedSiteNotOrigin: 'サイトは https://blog.example.com のようなオリジンで指定してください。',

  confirmSubject: '確認のお願い：コメントへの返信のメール通知',
  confirmIntro:
    '「{title}」へのコメントに返信があったときにメールで通知するよう、お申し込みいただきました。',
  confirmAsk:
    'このメールアドレスがご本人のものであることを確認してください。確認が済むまで、通知メールはお送りしません：',
  confirmLink: 'メールアドレスを確認する',
  confirmIgnore:
    'お心当たりがない場合は、このメールを無視してください。今後一切メールを受け取りたくない場合は、配信を停止してください：',
  replySubject: '「{title}」へのコメントに新しい返信がありました',
  replyIntro: '{name}さんが「{title}」へのコメントに返信しました：',
  replyRead: 'ページで読む',
  replyYourComment: 'あなたのコメント：',
  replyWhy:
    'コメントへの返信のメール通知をお申し込みいただいたため、このメールをお送りしています。',
  unsubscribeLink: '配信停止',

  linkNotValidTitle: 'このリンクは無効です',
  linkNotValidText:
    'メールに記載されたアドレスが、すべてアドレスバーに入っているか確認してください。',
  confirmPageTitle: 'メールアドレスの確認',
  confirmPageText:
    '確認すると、通知を希望したコメントに返信があったときに、メールでお知らせします。',
  confirmPageButton: '確認する',
  confirmedPageTitle: 'メールアドレスが確認されました',
  confirmedPageText:
    'コメントに返信があると、メールでお知らせします。通知メールにはすべて配信停止のリンクが付いています。',
  unsubscribePageTitle: '配信を停止しますか？',
  unsubscribePageText:
    '停止すると、このアドレスにはメールを一切お送りしません。返信の通知も確認のメールも届かなくなります。',
  unsubscribePageButton: '配信を停止する',
  unsubscribedPageTitle: '配信を停止しました',
  unsubscribedPageText: 'このアドレスには、今後メールをお送りしません。',
  verificationOff: 'このコメントサーバーはメールを送信しないため、メールアドレスを確認できません。',
  verifySubject: 'メールアドレスの確認のお願い',
  verifyIntro:
    '{site} のコメントのために、このアドレスの確認が依頼されました（おそらくあなたご自身によるものです）。確認が済むと、そのブラウザからのあなたのコメントに「確認済み」の印が付き、ほかの人があなたのアドレスで投稿したコメントは承認待ちになります。',
  verifyAsk: '確認するには、1週間以内にこのリンクを開いてください。リンクは1回だけ使えます。',
  verifyLink: 'アドレスを確認する',
  verifyIgnore: 'お心当たりがない場合は、このメールを無視してください。何も変わりません。',
  verifyPageTitle: 'メールアドレスの確認',
  verifyPageText:
    '依頼したブラウザからこのアドレスで投稿したコメントに「確認済み」の印が付きます。',
  verifyPageButton: '確認する',
  verifiedPageTitle: 'アドレスを確認しました',
  verifiedPageText:
    'そのブラウザからこのアドレスで投稿したコメントに「確認済み」の印が付くようになりました。',
  verifyGoneTitle: 'このリンクは使えません',
  verifyGoneText:
    'すでに使われたか、1週間以上前のリンクです。アドレスを確認するには、コメントフォームからもう一度依頼してください。',
};
