/**
 * The reader's texts in French, with "vous" as French blogs address their readers, and French
 * spacing: a no-break space before a colon and inside « », a narrow one before ? and !.
 */
import { R, type ReaderWords } from '../reader-text.ts';

export const words: ReaderWords = {
  [R.LeaveReply]: 'Ajouter un commentaire',
  [R.LeaveReplyTo]: 'Votre réponse à {name}',
  [R.CancelReply]: 'Annuler la réponse',
  [R.Notes]: 'Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont signalés par',
  [R.Comment]: 'Commentaire',
  [R.Name]: 'Nom',
  [R.Email]: 'E-mail',
  [R.Website]: 'Site web',
  [R.Honeypot]: 'Laissez ce champ vide',
  [R.Remember]:
    'Enregistrer mon nom, mon e-mail et mon site web dans ce navigateur pour mon prochain commentaire.',
  [R.Notify]: 'Me prévenir par e-mail des nouveaux commentaires',
  [R.PostComment]: 'Publier le commentaire',
  [R.StillHere]: 'Votre commentaire est toujours là.',
  [R.NotSent]: 'Votre commentaire n’a pas été envoyé.',
  [R.NotSentCorrect]:
    'Votre commentaire n’a pas été envoyé : veuillez corriger les champs signalés.',
  [R.SentHeld]: 'Votre commentaire a été envoyé et attend d’être validé.',
  [R.Posted]: 'Votre commentaire a été publié.',
  [R.SendFailed]: 'Votre commentaire n’a pas pu être envoyé. Veuillez réessayer.',
  [R.Unreachable]:
    'Impossible de joindre le serveur des commentaires. Vérifiez votre connexion et réessayez.',
  [R.ServerProblem]:
    'Le serveur des commentaires a rencontré un problème (HTTP {status}). Veuillez réessayer.',
  [R.Loading]: 'Chargement des commentaires…',
  [R.LoadFailed]: 'Les commentaires n’ont pas pu être chargés.',
  [R.TryAgain]: 'Réessayer',
  [R.Closed]: 'Les commentaires sont fermés.',
  // French counts 0 with 1 ("0 commentaire"), so the `one` form shows the number.
  [R.Heading]: {
    one: '{n} commentaire sur « {title} »',
    many: '{n} de commentaires sur « {title} »',
    other: '{n} commentaires sur « {title} »',
  },
  [R.SortBy]: 'Trier par',
  [R.Oldest]: 'Plus anciens',
  [R.Newest]: 'Plus récents',
  [R.Best]: 'Plus appréciés',
  [R.Feed]: 'Flux des commentaires',
  [R.LoadMore]: 'Afficher plus de commentaires',
  [R.MoreFailed]: 'Les commentaires suivants n’ont pas pu être chargés.',
  [R.Deleted]: 'Ce commentaire a été supprimé.',
  [R.CommentBy]: 'Commentaire de {name}',
  [R.SiteOwner]: 'Propriétaire du site',
  [R.Pinned]: 'Épinglé',
  [R.Edited]: 'modifié',
  [R.Held]: 'Votre commentaire est en attente de modération.',
  [R.Like]: 'J’aime',
  [R.LikeFailed]: 'Votre « J’aime » n’a pas pu être enregistré.',
  [R.Reply]: 'Répondre',
  [R.ReplyTo]: 'Répondre à {name}',
  [R.Edit]: 'Modifier',
  [R.Delete]: 'Supprimer',
  [R.EditLabel]: 'Modifier votre commentaire',
  [R.Save]: 'Enregistrer',
  [R.Cancel]: 'Annuler',
  [R.EditSaved]: 'Votre modification a été enregistrée.',
  [R.EditSavedHeld]: 'Votre modification a été enregistrée et attend d’être validée.',
  [R.DeleteQuestion]: 'Supprimer votre commentaire ?',
  [R.KeepIt]: 'Le conserver',
  [R.DeletedOwn]: 'Votre commentaire a été supprimé.',
  [R.ActionFailed]: 'Cela n’a pas fonctionné. Veuillez réessayer.',
  [R.BodyMissing]: 'Veuillez écrire votre commentaire.',
  [R.BodyTooLong]: {
    one: 'Votre commentaire ne doit pas dépasser {n} caractère.',
    many: 'Votre commentaire ne doit pas dépasser {n} de caractères.',
    other: 'Votre commentaire ne doit pas dépasser {n} caractères.',
  },
  [R.NameMissing]: 'Veuillez indiquer votre nom.',
  [R.NameTooLong]: {
    one: 'Le nom ne doit pas dépasser {n} caractère.',
    many: 'Le nom ne doit pas dépasser {n} de caractères.',
    other: 'Le nom ne doit pas dépasser {n} caractères.',
  },
  [R.EmailMissing]: 'Veuillez indiquer votre adresse e-mail.',
  [R.EmailTooLong]: {
    one: 'L’adresse e-mail ne doit pas dépasser {n} caractère.',
    many: 'L’adresse e-mail ne doit pas dépasser {n} de caractères.',
    other: 'L’adresse e-mail ne doit pas dépasser {n} caractères.',
  },
  [R.EmailInvalid]: 'Veuillez indiquer une adresse e-mail valide.',
  [R.WebsiteTooLong]: {
    one: 'L’adresse du site web ne doit pas dépasser {n} caractère.',
    many: 'L’adresse du site web ne doit pas dépasser {n} de caractères.',
    other: 'L’adresse du site web ne doit pas dépasser {n} caractères.',
  },
  [R.WebsiteInvalid]: 'Veuillez indiquer une adresse web commençant par http:// ou https://.',
  [R.CountNone]: 'Aucun commentaire',
  [R.Count]: {
    one: '{n} commentaire',
    many: '{n} de commentaires',
    other: '{n} commentaires',
  },
  [R.Verified]: 'Vérifié',
  [R.VerifyEmail]: 'Vérifier mon e-mail',
  [R.VerifySent]:
    'Consultez votre boîte de réception : ouvrez le lien de l’e-mail que nous venons d’envoyer pour vérifier votre adresse.',
  [R.Checking]: 'Vérification…',
  [R.CheckFailed]:
    'Votre navigateur n’a pas pu terminer la vérification anti-spam. Veuillez réessayer.',
};
