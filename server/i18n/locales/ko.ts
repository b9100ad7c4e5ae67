/** The server's texts for readers in Korean, in the polite -습니다/-해 주세요 style of the widget. */
import type { ServerWords } from '../en.ts';

export const words: ServerWords = {
  invalidInput: '표시된 항목을 고쳐 주세요.',
  siteNotAllowed:
    '이 댓글 서버는 {origin}의 페이지에 달리는 댓글을 받지 않습니다. 사이트 운영자가 이 오리진을 SITE_ORIGINS에 추가할 수 있습니다.',
  parentNotFound: '답글을 달려는 댓글이 이 페이지에 없습니다(삭제되었을 수 있습니다).',
  commentNotFound: 'ID가 {id}인 댓글이 없습니다.',
  feedNotFound:
    '이 댓글 서버에는 {origin}의 페이지에 달린 댓글이 저장되어 있지 않으므로 해당 피드가 없습니다.',
  commentsClosed: '이 페이지는 댓글 작성이 마감되었습니다.',
  notShown: 'ID가 {id}인 댓글이 없어 좋아요를 누를 수 없습니다.',
  likesOff: '이 사이트에서는 댓글 좋아요 기능이 꺼져 있습니다.',
  formUnverified:
    '이 페이지의 양식을 확인할 수 없습니다. 페이지를 새로 고친 뒤 다시 등록해 주세요.',
  formExpired: {
    other: '양식이 {n}시간 넘게 열려 있어 갱신되었습니다. 댓글을 다시 등록해 주세요.',
  },
  tooFast: {
    other: '사람이 댓글을 쓰기에는 너무 빠릅니다. {n}초 기다린 뒤 다시 등록해 주세요.',
  },
  flood: {
    other: '댓글을 너무 빠르게 연달아 등록하고 있습니다. {n}초 기다린 뒤 다시 등록해 주세요.',
  },
  rateLimited: {
    other: '현재 연결에서 요청이 너무 많습니다. {n}초 후에 다시 시도해 주세요.',
  },
  duplicate: '중복된 댓글입니다. 이미 같은 내용을 작성하신 것 같습니다!',
  challengeRequired:
    '이 댓글을 받기 전에 브라우저가 스팸 방지용 짧은 확인 문제를 풀어야 합니다. 답과 함께 다시 보내 주세요.',
  challengeInvalid:
    '이 댓글과 함께 보낸 스팸 방지 확인이 올바르지 않습니다. 댓글을 다시 보내 주세요.',
  challengeUsed:
    '이 댓글과 함께 보낸 스팸 방지 확인은 이미 사용되었습니다. 댓글을 다시 보내 주세요.',
  challengeExpired: '이 댓글과 함께 보낸 스팸 방지 확인이 만료되었습니다. 댓글을 다시 보내 주세요.',
  blocked: '이 댓글은 받을 수 없습니다. 사이트의 차단 단어, 주소 또는 네트워크 목록에 해당합니다.',
  notYourComment: '이 댓글은 댓글을 작성한 브라우저에서만 변경할 수 있습니다.',
  editWindowClosed: {
    other:
      '댓글은 등록 후 {n}분 이내에만 수정하거나 삭제할 수 있습니다. 변경이 필요하면 사이트 운영자에게 문의해 주세요.',
  },
  notUtf8: 'JSON은 UTF-8로 보내 주세요. 이 요청에 지정된 문자 인코딩은 {charset}입니다.',
  storageUnavailable:
    '서버 저장소를 사용할 수 없어 지금은 댓글을 저장할 수 없습니다. 몇 분 후에 다시 시도해 주세요.',
  bodyTooLarge: '요청 크기가 {n} KB를 넘습니다.',
  notJson: '요청 본문은 “Content-Type: application/json”을 지정하여 JSON으로 보내 주세요.',
  emptyBody: '요청 본문이 비어 있습니다.',
  invalidJson: '요청 본문이 올바른 JSON이 아닙니다.',
  badUrl: '이 요청의 주소 형식이 잘못되었습니다.',
  urlPartTooLong: '이 주소의 일부가 너무 깁니다.',
  notFound: '{method} {url}에는 아무것도 없습니다.',
  serverError: '서버에 문제가 발생했습니다. 다시 시도해 주세요.',

  fieldRequired: '필수 항목입니다.',
  fieldTooLong: { other: '최대 {n}자까지 입력할 수 있습니다.' },
  fieldTooShort: { other: '최소 {n}자 이상 입력해야 합니다.' },
  fieldEmpty: '비워 둘 수 없습니다.',
  fieldWrongType: '유형이 올바르지 않습니다.',
  fieldBelowMinimum: '{n} 이상이어야 합니다.',
  fieldAboveMaximum: '{n} 이하여야 합니다.',
  fieldTooManyItems: { other: '항목은 최대 {n}개까지 가능합니다.' },
  fieldNotAllowed: '허용된 값이 아닙니다.',
  fieldWholeNumber: '정수여야 합니다.',
  fieldInvalid: '올바르지 않은 값입니다.',
  pageUrlInvalid: '페이지 주소는 http(s) URL이어야 합니다.',
  parentNotReplyable: '이 댓글에는 답글을 달 수 없습니다.',
  cursorInvalid: '이전 페이지에서 받은 커서가 아닙니다.',
  cursorOtherOrder:
    '이 커서는 sort={was} 순서로 댓글을 이어 가는 커서이므로 sort={asked} 순서에는 쓸 수 없습니다. 첫 페이지부터 다시 시작해 주세요.',
  countsTooMany: { other: '한 번에 최대 {n}개 페이지까지 요청할 수 있습니다.' },
  countsNotUrl: '“{url}”은(는) http(s) URL이 아닙니다.',
  feedUrlMissing: '댓글을 구독할 페이지의 주소를 입력해 주세요.',
  feedSiteMissing: '또는 댓글을 구독할 사이트의 오리진을 입력해 주세요.',
  feedOneOf:
    'url(페이지 주소) 또는 site(오리진) 중 하나만 입력해 주세요. 둘 다 입력할 수는 없습니다.',
  feedSiteNotOrigin: '사이트는 https://blog.example.com 같은 오리진이어야 합니다.',

  confirmSubject: '확인해 주세요: 댓글에 달린 답글 알림 메일',
  confirmIntro: '“{title}”에 남긴 댓글에 누군가 답글을 달면 이메일로 알려 달라고 요청하셨습니다.',
  confirmAsk:
    '이 이메일 주소가 본인의 것인지 확인해 주세요. 확인하시기 전까지는 알림 메일이 발송되지 않습니다:',
  confirmLink: '내 이메일 주소 확인',
  confirmIgnore:
    '본인이 요청하지 않았다면 이 메일을 무시해 주세요. 앞으로 저희 메일을 전혀 받지 않으려면 수신을 거부해 주세요:',
  replySubject: '“{title}”에 남긴 댓글에 새 답글이 달렸습니다',
  replyIntro: '{name}님이 “{title}”에 남긴 댓글에 답글을 달았습니다:',
  replyRead: '페이지에서 보기',
  replyYourComment: '내 댓글:',
  replyWhy: '댓글에 달린 답글을 메일로 받겠다고 요청하셨기 때문에 이 메일을 보내 드립니다.',
  unsubscribeLink: '수신 거부',

  linkNotValidTitle: '유효하지 않은 링크입니다',
  linkNotValidText: '메일에 있는 주소 전체가 주소창에 들어 있는지 확인해 주세요.',
  confirmPageTitle: '이메일 주소 확인',
  confirmPageText: '확인하시면 알림을 요청한 댓글에 누군가 답글을 달 때 이메일을 보내 드립니다.',
  confirmPageButton: '확인',
  confirmedPageTitle: '이메일 주소가 확인되었습니다',
  confirmedPageText:
    '누군가 댓글에 답글을 달면 이메일을 받게 됩니다. 이런 메일에는 모두 수신 거부 링크가 들어 있습니다.',
  unsubscribePageTitle: '수신을 거부하시겠습니까?',
  unsubscribePageText:
    '수신을 거부하면 이 주소로 더 이상 메일을 보내지 않습니다. 답글 알림도, 확인 메일도 보내지 않습니다.',
  unsubscribePageButton: '수신 거부',
  unsubscribedPageTitle: '수신 거부되었습니다',
  unsubscribedPageText: '이 주소로 더 이상 메일을 보내지 않습니다.',
  verificationOff: '이 댓글 서버는 메일을 보내지 않으므로 이메일 주소를 인증할 수 없습니다.',
  verifySubject: '이메일 주소를 인증해 주세요',
  verifyIntro:
    '누군가(아마 본인이시겠지요) {site}의 댓글을 위해 이 주소의 인증을 요청했습니다. 인증이 끝나면 그 브라우저에서 쓴 댓글에 인증 표시가 붙고, 다른 사람이 이 주소로 쓴 댓글은 검토를 기다리게 됩니다.',
  verifyAsk: '인증하려면 일주일 안에 이 링크를 여세요. 링크는 한 번만 쓸 수 있습니다:',
  verifyLink: '내 주소 인증하기',
  verifyIgnore: '본인이 요청하지 않았다면 이 메일을 무시하세요. 아무것도 바뀌지 않습니다.',
  verifyPageTitle: '이메일 주소 인증',
  verifyPageText: '요청한 브라우저에서 이 주소로 쓴 댓글에 인증 표시가 붙습니다.',
  verifyPageButton: '인증',
  verifiedPageTitle: '주소가 인증되었습니다',
  verifiedPageText: '이제 그 브라우저에서 이 주소로 쓴 댓글에 인증 표시가 붙습니다.',
  verifyGoneTitle: '이 링크는 더 이상 쓸 수 없습니다',
  verifyGoneText:
    '이미 사용되었거나 일주일이 지났습니다. 주소를 인증하려면 댓글 양식에서 다시 요청하세요.',
};
