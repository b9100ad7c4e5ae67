/**
 * The server's texts for readers in Portuguese, with the "você" of the widget's Portuguese texts
 * and, where Brazil and Portugal differ, Brazil's words ("curtir", "salvar", “aspas”).
 */
import type { ServerWords } from '../en.ts';

export const words: ServerWords = {
  invalidInput: 'Corrija os campos marcados.',
  siteNotAllowed:
    'Este servidor de comentários não aceita comentários para páginas em {origin}. O responsável pelo site pode adicionar essa origem a SITE_ORIGINS.',
  parentNotFound:
    'O comentário ao qual você está respondendo não existe nesta página (talvez tenha sido removido).',
  commentNotFound: 'Não há nenhum comentário com o número {id}.',
  feedNotFound:
    'Este servidor de comentários não guarda comentários de páginas em {origin}, por isso não tem nenhum feed deles.',
  commentsClosed: 'Os comentários estão encerrados nesta página.',
  notShown: 'Não há nenhum comentário com o número {id} para curtir.',
  likesOff: 'As curtidas em comentários estão desativadas neste site.',
  formUnverified:
    'Não foi possível verificar este formulário para esta página. Recarregue a página e publique seu comentário novamente.',
  // Portuguese counts 0 with 1, and writes "de" after a round million: every form shows the number.
  formExpired: {
    one: 'Este formulário ficou aberto por mais de {n} hora, por isso foi renovado. Publique seu comentário novamente.',
    many: 'Este formulário ficou aberto por mais de {n} de horas, por isso foi renovado. Publique seu comentário novamente.',
    other:
      'Este formulário ficou aberto por mais de {n} horas, por isso foi renovado. Publique seu comentário novamente.',
  },
  tooFast: {
    one: 'Ninguém consegue escrever um comentário tão rápido. Aguarde {n} segundo e publique novamente.',
    many: 'Ninguém consegue escrever um comentário tão rápido. Aguarde {n} de segundos e publique novamente.',
    other:
      'Ninguém consegue escrever um comentário tão rápido. Aguarde {n} segundos e publique novamente.',
  },
  flood: {
    one: 'Você está publicando comentários rápido demais. Aguarde {n} segundo antes de publicar outro.',
    many: 'Você está publicando comentários rápido demais. Aguarde {n} de segundos antes de publicar outro.',
    other:
      'Você está publicando comentários rápido demais. Aguarde {n} segundos antes de publicar outro.',
  },
  rateLimited: {
    one: 'Muitas solicitações da sua conexão. Tente novamente em {n} segundo.',
    many: 'Muitas solicitações da sua conexão. Tente novamente em {n} de segundos.',
    other: 'Muitas solicitações da sua conexão. Tente novamente em {n} segundos.',
  },
  duplicate: 'Este comentário é repetido: parece que você já escreveu exatamente isso!',
  challengeRequired:
    'Antes de este comentário ser aceite, o seu navegador tem de resolver uma breve verificação contra spam. Envie-o de novo com a solução.',
  challengeInvalid:
    'A verificação contra spam enviada com este comentário não é válida. Envie o seu comentário de novo.',
  challengeUsed:
    'A verificação contra spam enviada com este comentário já foi usada. Envie o seu comentário de novo.',
  challengeExpired:
    'A verificação contra spam enviada com este comentário expirou. Envie o seu comentário de novo.',
  blocked:
    'Este comentário não pode ser aceito: ele corresponde à lista de palavras, endereços ou redes bloqueados pelo site.',
  notYourComment: 'Este comentário só pode ser alterado no navegador em que foi publicado.',
  editWindowClosed: {
    one: 'Os comentários só podem ser editados ou apagados até {n} minuto após a publicação. Fale com o responsável pelo site se precisar de alguma alteração.',
    many: 'Os comentários só podem ser editados ou apagados até {n} de minutos após a publicação. Fale com o responsável pelo site se precisar de alguma alteração.',
    other:
      'Os comentários só podem ser editados ou apagados até {n} minutos após a publicação. Fale com o responsável pelo site se precisar de alguma alteração.',
  },
  notUtf8: 'Envie JSON em UTF-8; esta solicitação diz estar em {charset}.',
  storageUnavailable:
    'Não é possível salvar comentários agora: o armazenamento do servidor está indisponível. Tente novamente em alguns minutos.',
  bodyTooLarge: 'A solicitação tem mais de {n} KB.',
  notJson: 'Envie o corpo da solicitação como JSON, com “Content-Type: application/json”.',
  emptyBody: 'O corpo da solicitação está vazio.',
  invalidJson: 'O corpo da solicitação não é um JSON válido.',
  badUrl: 'O endereço desta solicitação está malformado.',
  urlPartTooLong: 'Uma parte deste endereço é longa demais.',
  notFound: 'Não há nada em {method} {url}.',
  serverError: 'Algo deu errado no servidor. Tente novamente.',

  fieldRequired: 'Este campo é obrigatório.',
  fieldTooLong: {
    one: 'Deve ter no máximo {n} caractere.',
    many: 'Deve ter no máximo {n} de caracteres.',
    other: 'Deve ter no máximo {n} caracteres.',
  },
  fieldTooShort: {
    one: 'Deve ter no mínimo {n} caractere.',
    many: 'Deve ter no mínimo {n} de caracteres.',
    other: 'Deve ter no mínimo {n} caracteres.',
  },
  fieldEmpty: 'Não pode ficar vazio.',
  fieldWrongType: 'Tem o tipo errado.',
  fieldBelowMinimum: 'Deve ser maior ou igual a {n}.',
  fieldAboveMaximum: 'Deve ser menor ou igual a {n}.',
  fieldTooManyItems: {
    one: 'Deve ter no máximo {n} item.',
    many: 'Deve ter no máximo {n} de itens.',
    other: 'Deve ter no máximo {n} itens.',
  },
  fieldNotAllowed: 'Não é nenhum dos valores permitidos.',
  fieldWholeNumber: 'Deve ser um número inteiro.',
  fieldInvalid: 'Não é válido.',
  pageUrlInvalid: 'O endereço da página deve ser uma URL http(s).',
  parentNotReplyable: 'Não é possível responder a este comentário.',
  cursorInvalid: 'Este não é um cursor de uma página anterior.',
  cursorOtherOrder:
    'Este cursor continua os comentários na ordem sort={was}, não sort={asked}: comece de novo pela primeira página.',
  countsTooMany: {
    one: 'Peça no máximo {n} página por vez.',
    many: 'Peça no máximo {n} de páginas por vez.',
    other: 'Peça no máximo {n} páginas por vez.',
  },
  countsNotUrl: '“{url}” não é uma URL http(s).',
  feedUrlMissing: 'Informe o endereço da página cujos comentários você quer acompanhar.',
  feedSiteMissing: 'Ou informe a origem do site cujos comentários você quer acompanhar.',
  feedOneOf: 'Informe url (o endereço de uma página) ou site (uma origem), mas não os dois.',
  feedSiteNotOrigin: 'O site deve ser uma origem, como https://blog.example.com.',

  confirmSubject: 'Confirme: e-mails sobre respostas aos seus comentários',
  confirmIntro:
    'Você pediu para receber um e-mail quando alguém responder ao seu comentário em “{title}”.',
  confirmAsk:
    'Confirme que este é seu endereço; até lá, você não receberá nenhum e-mail desse tipo:',
  confirmLink: 'Confirmar meu endereço',
  confirmIgnore:
    'Se não foi você, ignore este e-mail. Para nunca mais receber e-mails nossos, cancele a inscrição:',
  replySubject: 'Nova resposta ao seu comentário em “{title}”',
  replyIntro: '{name} respondeu ao seu comentário em “{title}”:',
  replyRead: 'Ler a resposta na página',
  replyYourComment: 'Seu comentário:',
  replyWhy:
    'Você recebe este e-mail porque pediu para receber e-mails sobre respostas aos seus comentários.',
  unsubscribeLink: 'Cancelar inscrição',

  linkNotValidTitle: 'Este link não é válido',
  linkNotValidText: 'Verifique se o endereço completo do e-mail está na barra de endereços.',
  confirmPageTitle: 'Confirme seu endereço',
  confirmPageText:
    'Depois disso, enviaremos um e-mail quando alguém responder a um comentário para o qual você pediu avisos.',
  confirmPageButton: 'Confirmar',
  confirmedPageTitle: 'Seu endereço está confirmado',
  confirmedPageText:
    'Você receberá um e-mail quando alguém responder ao seu comentário. Cada e-mail desse tipo traz um link para cancelar a inscrição.',
  unsubscribePageTitle: 'Cancelar inscrição?',
  unsubscribePageText:
    'Depois disso, não enviaremos mais e-mails para seu endereço: nem respostas, nem confirmações.',
  unsubscribePageButton: 'Cancelar inscrição',
  unsubscribedPageTitle: 'Sua inscrição foi cancelada',
  unsubscribedPageText: 'Não enviaremos mais e-mails para seu endereço.',
  verificationOff:
    'Este servidor de comentários não envia e-mails, por isso não pode verificar endereços de e-mail.',
  verifySubject: 'Verifique seu endereço de e-mail',
  verifyIntro:
    'Alguém, provavelmente você, pediu para verificar este endereço para comentários em {site}. Depois de verificado, seus comentários feitos nesse navegador serão marcados como verificados, e os que outras pessoas publicarem com seu endereço aguardarão moderação.',
  verifyAsk: 'Para verificá-lo, abra este link em até uma semana; ele funciona uma vez:',
  verifyLink: 'Verificar meu endereço',
  verifyIgnore: 'Se não foi você, ignore este e-mail: nada muda.',
  verifyPageTitle: 'Verifique seu endereço de e-mail',
  verifyPageText:
    'Seus comentários com este endereço feitos no navegador que pediu serão marcados como verificados.',
  verifyPageButton: 'Verificar',
  verifiedPageTitle: 'Seu endereço está verificado',
  verifiedPageText:
    'Seus comentários com ele feitos nesse navegador agora são marcados como verificados.',
  verifyGoneTitle: 'Este link não funciona mais',
  verifyGoneText:
    'Ele já foi usado ou tem mais de uma semana. Para verificar seu endereço, peça de novo pelo formulário de comentários.',
};
