<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>ActDialog</name>
    <message>
        <location filename="../../ui/acts/act_dialog.py" line="52"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_dialog.py" line="61"/>
        <source>Discard this act? What was written and signed is lost.</source>
        <translation>Abandonner cet acte ? Ce qui a été écrit et signé sera perdu.</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_dialog.py" line="63"/>
        <source>Keep editing</source>
        <translation>Continuer la saisie</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_dialog.py" line="66"/>
        <source>Discard</source>
        <translation>Abandonner</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_dialog.py" line="85"/>
        <source>View act</source>
        <translation>Voir l&apos;acte</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_dialog.py" line="87"/>
        <source>Print guest copy</source>
        <translation>Imprimer la copie du client</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_dialog.py" line="89"/>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
</context>
<context>
    <name>ActForm</name>
    <message>
        <location filename="../../ui/acts/act_form.py" line="121"/>
        <source>Decision (or deferral) taken</source>
        <translation>Décision (ou report) prise</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_form.py" line="123"/>
        <source>Facts not in the incident record</source>
        <translation>Faits absents de la fiche d&apos;incident</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_form.py" line="131"/>
        <source>Add compensation</source>
        <translation>Ajouter une compensation</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_form.py" line="136"/>
        <location filename="../../ui/acts/act_form.py" line="139"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_form.py" line="143"/>
        <source>Guest signs</source>
        <translation>Le client signe</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_form.py" line="153"/>
        <source>What the guest said (optional)</source>
        <translation>Ce que le client a dit (facultatif)</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_form.py" line="158"/>
        <source>Sign act</source>
        <translation>Signer l&apos;acte</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_form.py" line="167"/>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_form.py" line="168"/>
        <source>Statement</source>
        <translation>Déclaration</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_form.py" line="180"/>
        <source>Compensation promised</source>
        <translation>Compensation promise</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_form.py" line="169"/>
        <source>Staff signature</source>
        <translation>Signature du personnel</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_form.py" line="144"/>
        <source>Declined</source>
        <translation>A refusé</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_form.py" line="145"/>
        <source>Not present</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_form.py" line="170"/>
        <source>Guest signature</source>
        <translation>Signature du client</translation>
    </message>
</context>
<context>
    <name>ActList</name>
    <message>
        <location filename="../../ui/acts/act_actions.py" line="50"/>
        <location filename="../../ui/acts/act_actions.py" line="187"/>
        <source>Act</source>
        <translation>Acte</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_actions.py" line="50"/>
        <location filename="../../ui/acts/act_actions.py" line="188"/>
        <source>Post-incident report</source>
        <translation>Rapport post-incident</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_actions.py" line="189"/>
        <source>Report sign-off</source>
        <translation>Visa du rapport</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_actions.py" line="204"/>
        <source>No act signed for this incident yet.</source>
        <translation>Aucun acte signé pour cet incident pour l&apos;instant.</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_actions.py" line="206"/>
        <location filename="../../ui/acts/act_actions.py" line="261"/>
        <source>View act</source>
        <translation>Voir l&apos;acte</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_actions.py" line="209"/>
        <location filename="../../ui/acts/act_actions.py" line="263"/>
        <source>Print guest copy</source>
        <translation>Imprimer la copie du client</translation>
    </message>
</context>
<context>
    <name>ActSigning</name>
    <message>
        <location filename="../../ui/acts/signing.py" line="41"/>
        <source>Act {number} is signed and stored; it goes to the helpdesk with the incident.</source>
        <translation>L&apos;acte {number} est signé et enregistré ; il part au helpdesk avec l&apos;incident.</translation>
    </message>
    <message>
        <location filename="../../ui/acts/signing.py" line="46"/>
        <source>Incident act — {ticket}</source>
        <translation>Acte d&apos;incident — {ticket}</translation>
    </message>
    <message>
        <location filename="../../ui/acts/signing.py" line="65"/>
        <source>Post-incident report {number} is signed and stored.</source>
        <translation>Le rapport post-incident {number} est signé et enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/acts/signing.py" line="69"/>
        <source>Post-incident report — {ticket}</source>
        <translation>Rapport post-incident — {ticket}</translation>
    </message>
    <message>
        <location filename="../../ui/acts/signing.py" line="97"/>
        <source>Report {report} is signed off: {number}, stored and sent with the incident.</source>
        <translation>Rapport {report} visé : {number}, enregistré et envoyé avec l&apos;incident.</translation>
    </message>
    <message>
        <location filename="../../ui/acts/signing.py" line="102"/>
        <source>Sign off the report — {ticket}</source>
        <translation>Viser le rapport — {ticket}</translation>
    </message>
</context>
<context>
    <name>ActViewer</name>
    <message>
        <location filename="../../ui/acts/act_actions.py" line="63"/>
        <location filename="../../ui/acts/act_actions.py" line="64"/>
        <source>Act {number}</source>
        <translation>Acte {number}</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_actions.py" line="67"/>
        <source>From the signed PDF {sha}… (PAdES {level})</source>
        <translation>D&apos;après le PDF signé {sha}… (PAdES {level})</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_actions.py" line="85"/>
        <source>Print guest copy</source>
        <translation>Imprimer la copie du client</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_actions.py" line="88"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>AlertBanner</name>
    <message>
        <location filename="../../ui/alerts/banner.py" line="40"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/banner.py" line="41"/>
        <source>Open alerts</source>
        <translation>Ouvrir les alertes</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/banner.py" line="46"/>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/banner.py" line="61"/>
        <source>{alert} (+{more} more)</source>
        <translation>{alert} (+{more} autres)</translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <location filename="../../ui/alerts/text.py" line="16"/>
        <source>New P1: {ticket} · {category}</source>
        <translation>Nouveau P1 : {ticket} · {category}</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/text.py" line="17"/>
        <source>{ticket} ({priority}) breaches within a minute</source>
        <translation>{ticket} ({priority}) dépasse son délai dans la minute</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/text.py" line="20"/>
        <source>{ticket} ({priority}) escalated to {level}</source>
        <translation>{ticket} ({priority}) escaladé au niveau {level}</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/text.py" line="21"/>
        <source>Your guest {guest} is in an incident: {ticket} ({priority})</source>
        <translation>Votre client {guest} est concerné par un incident : {ticket} ({priority})</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/text.py" line="24"/>
        <source>Routed to you: {ticket} ({priority}) · {category}</source>
        <translation>Attribué à vous : {ticket} ({priority}) · {category}</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/text.py" line="27"/>
        <source>Update due to the guest: {ticket} ({priority})</source>
        <translation>Point à faire au client : {ticket} ({priority})</translation>
    </message>
</context>
<context>
    <name>AlertsPage</name>
    <message>
        <location filename="../../ui/alerts/inbox.py" line="43"/>
        <location filename="../../ui/alerts/inbox.py" line="62"/>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/inbox.py" line="48"/>
        <source>Mark all read</source>
        <translation>Tout marquer comme lu</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/inbox.py" line="136"/>
        <source>{n} unread</source>
        <translation>{n} non lues</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/inbox.py" line="166"/>
        <source>Sound: on</source>
        <translation>Son : activé</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/inbox.py" line="166"/>
        <source>Sound: off</source>
        <translation>Son : coupé</translation>
    </message>
</context>
<context>
    <name>AsyncOps</name>
    <message>
        <location filename="../../ui/async_ops.py" line="58"/>
        <source>Not done</source>
        <translation>Non effectué</translation>
    </message>
</context>
<context>
    <name>BoardModel</name>
    <message>
        <location filename="../../ui/board/model.py" line="99"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="100"/>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="101"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="102"/>
        <source>Guest</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="103"/>
        <source>Table / location</source>
        <translation>Table / lieu</translation>
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="104"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="105"/>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="106"/>
        <source>Time to breach</source>
        <translation>Avant dépassement</translation>
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="107"/>
        <source>Next update</source>
        <translation>Prochaine mise à jour</translation>
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="320"/>
        <source>OVERDUE {t}</source>
        <translation>EN RETARD {t}</translation>
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="321"/>
        <source>in {t}</source>
        <translation>dans {t}</translation>
    </message>
</context>
<context>
    <name>BoardView</name>
    <message>
        <location filename="../../ui/board/view.py" line="295"/>
        <source>Show: {columns}</source>
        <translation>Afficher : {columns}</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="324"/>
        <source>Open incidents: {n}   ·   breached: {b}</source>
        <translation>Incidents ouverts : {n}   ·   hors délai : {b}</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../../ui/incident/camera.py" line="58"/>
        <source>Take photo</source>
        <translation>Prendre la photo</translation>
    </message>
    <message>
        <location filename="../../ui/incident/camera.py" line="61"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>CodeWordCheck</name>
    <message>
        <location filename="../../ui/guest/code_word.py" line="39"/>
        <source>Check code word</source>
        <translation>Vérifier le mot de passe</translation>
    </message>
    <message>
        <location filename="../../ui/guest/code_word.py" line="36"/>
        <source>Code word</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location filename="../../ui/guest/code_word.py" line="60"/>
        <location filename="../../ui/guest/code_word.py" line="93"/>
        <source>No code word on file for this guest.</source>
        <translation>Aucun mot de passe enregistré pour ce client.</translation>
    </message>
    <message>
        <location filename="../../ui/guest/code_word.py" line="65"/>
        <source>Type the code word the guest says. Never read it aloud.</source>
        <translation>Saisissez le mot de passe que dit le client. Ne le lisez jamais à voix haute.</translation>
    </message>
    <message>
        <location filename="../../ui/guest/code_word.py" line="84"/>
        <source>Match: the code word is correct.</source>
        <translation>Concordance : le mot de passe est correct.</translation>
    </message>
    <message>
        <location filename="../../ui/guest/code_word.py" line="87"/>
        <source>No match: do not give the reason; ask again or verify otherwise.</source>
        <translation>Pas de concordance : n&apos;en donnez pas la raison ; redemandez ou vérifiez autrement.</translation>
    </message>
    <message>
        <location filename="../../ui/guest/code_word.py" line="96"/>
        <source>You may not check this guest&apos;s code word.</source>
        <translation>Vous ne pouvez pas vérifier le mot de passe de ce client.</translation>
    </message>
</context>
<context>
    <name>CompensationRow</name>
    <message>
        <location filename="../../ui/acts/act_form.py" line="65"/>
        <source>What is promised</source>
        <translation>Ce qui est promis</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_form.py" line="67"/>
        <source>Conditions, in writing</source>
        <translation>Conditions, par écrit</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_form.py" line="69"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../../ui/acts/act_form.py" line="71"/>
        <source>Agreed by (host id)</source>
        <translation>Accordé par (identifiant de l&apos;hôte)</translation>
    </message>
</context>
<context>
    <name>ConciergePage</name>
    <message>
        <location filename="../../ui/concierge/page.py" line="27"/>
        <source>Find a guest by name or room above. Requests go through the guest&apos;s host.</source>
        <translation>Cherchez un client par nom ou par chambre ci-dessus. Les demandes passent par l&apos;hôte du client.</translation>
    </message>
</context>
<context>
    <name>ConsoleShell</name>
    <message>
        <location filename="../../ui/shell/console.py" line="275"/>
        <source>New incident</source>
        <translation>Nouvel incident</translation>
    </message>
    <message>
        <location filename="../../ui/shell/console.py" line="276"/>
        <source>Search guests</source>
        <translation>Rechercher des clients</translation>
    </message>
    <message>
        <location filename="../../ui/shell/console.py" line="277"/>
        <source>Lock the console</source>
        <translation>Verrouiller la console</translation>
    </message>
    <message>
        <location filename="../../ui/shell/console.py" line="278"/>
        <source>This help</source>
        <translation>Cette aide</translation>
    </message>
</context>
<context>
    <name>CoreLabels</name>
    <message>
        <location filename="../../ui/core_labels.py" line="14"/>
        <source>summary</source>
        <translation>résumé</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="15"/>
        <source>note</source>
        <translation>note</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="16"/>
        <source>reason</source>
        <translation>motif</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="17"/>
        <source>desired outcome</source>
        <translation>résultat souhaité</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="18"/>
        <source>transaction reference</source>
        <translation>référence de transaction</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="19"/>
        <source>location</source>
        <translation>lieu</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="20"/>
        <source>game</source>
        <translation>jeu</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="21"/>
        <source>machine</source>
        <translation>machine</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="22"/>
        <source>guest&apos;s name</source>
        <translation>nom du client</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="23"/>
        <source>phone number</source>
        <translation>numéro de téléphone</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="24"/>
        <source>drinks</source>
        <translation>boissons</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="25"/>
        <source>meals</source>
        <translation>repas</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="26"/>
        <source>rooms</source>
        <translation>chambres</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="27"/>
        <source>tables / games</source>
        <translation>tables / jeux</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="28"/>
        <source>communication</source>
        <translation>communication</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="29"/>
        <source>transfers</source>
        <translation>transferts</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="30"/>
        <source>decision</source>
        <translation>décision</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="31"/>
        <source>statement</source>
        <translation>déclaration</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="32"/>
        <source>guest&apos;s note</source>
        <translation>remarque du client</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="33"/>
        <source>compensation description</source>
        <translation>description de la compensation</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="36"/>
        <source>compensation conditions</source>
        <translation>conditions de la compensation</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="39"/>
        <source>root cause</source>
        <translation>cause première</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="40"/>
        <source>impact</source>
        <translation>impact</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="41"/>
        <source>measure</source>
        <translation>mesure</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="42"/>
        <source>review</source>
        <translation>relecture</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="43"/>
        <source>staff signature</source>
        <translation>signature du personnel</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="44"/>
        <source>guest&apos;s signature</source>
        <translation>signature du client</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="45"/>
        <source>TTR reference</source>
        <translation>référence TTR</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="48"/>
        <source>host</source>
        <translation>hôte</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="49"/>
        <source>pit boss</source>
        <translation>chef de partie</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="50"/>
        <source>VIP desk</source>
        <translation>accueil VIP</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="51"/>
        <source>concierge</source>
        <translation>concierge</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="52"/>
        <source>duty manager</source>
        <translation>responsable de service</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="55"/>
        <source>view a guest card</source>
        <translation>consulter une fiche client</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="56"/>
        <source>search guests</source>
        <translation>rechercher des clients</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="57"/>
        <source>look up a loyalty card</source>
        <translation>lire une carte de fidélité</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="58"/>
        <source>list their own guests</source>
        <translation>lister ses propres clients</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="59"/>
        <source>check a guest&apos;s code word</source>
        <translation>vérifier le mot de passe d&apos;un client</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="62"/>
        <source>edit a guest&apos;s preferences</source>
        <translation>modifier les préférences d&apos;un client</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="65"/>
        <source>see a guest&apos;s itinerary</source>
        <translation>voir l&apos;itinéraire d&apos;un client</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="68"/>
        <source>page or announce a guest</source>
        <translation>appeler ou annoncer un client</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="69"/>
        <source>open an incident</source>
        <translation>ouvrir un incident</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="70"/>
        <source>view incidents</source>
        <translation>consulter les incidents</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="71"/>
        <source>see incident amounts</source>
        <translation>voir les montants des incidents</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="74"/>
        <source>change an incident&apos;s status</source>
        <translation>changer le statut d&apos;un incident</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="77"/>
        <source>assign an incident</source>
        <translation>attribuer un incident</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="78"/>
        <source>record an incident milestone</source>
        <translation>enregistrer une étape d&apos;incident</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="81"/>
        <source>escalate an incident</source>
        <translation>escalader un incident</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="82"/>
        <source>add a note to an incident</source>
        <translation>ajouter une note à un incident</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="83"/>
        <source>sign an incident act</source>
        <translation>signer un acte d&apos;incident</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="84"/>
        <source>read a signed act</source>
        <translation>lire un acte signé</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="85"/>
        <source>offer compensation</source>
        <translation>proposer une compensation</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="86"/>
        <source>mark a compensation delivered</source>
        <translation>marquer une compensation comme remise</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="89"/>
        <source>register a walk-in</source>
        <translation>enregistrer un client de passage</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="90"/>
        <source>sign another staff member out of a locked console</source>
        <translation>déconnecter un autre membre du personnel d&apos;une console verrouillée</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="93"/>
        <source>review the changes the helpdesk refused or set aside</source>
        <translation>examiner les modifications refusées ou mises de côté par le helpdesk</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="96"/>
        <source>give up a change or override the helpdesk&apos;s value</source>
        <translation>abandonner une modification ou imposer sa valeur à celle du helpdesk</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="99"/>
        <source>see the property&apos;s KPIs</source>
        <translation>voir les indicateurs de l&apos;établissement</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="100"/>
        <source>see the floor&apos;s key figures</source>
        <translation>voir les chiffres clés de la salle</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="101"/>
        <source>sign off a post-incident report</source>
        <translation>viser un rapport post-incident</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="104"/>
        <source>write the shift handover</source>
        <translation>rédiger la passation de poste</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="107"/>
        <source>reached the table</source>
        <translation>arrivée à la table</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="108"/>
        <source>decision taken</source>
        <translation>décision prise</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="109"/>
        <source>stabilised</source>
        <translation>stabilisé</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="112"/>
        <source>new</source>
        <translation>nouveau</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="113"/>
        <source>in progress</source>
        <translation>en cours</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="114"/>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="115"/>
        <source>resolved</source>
        <translation>résolu</translation>
    </message>
    <message>
        <location filename="../../ui/core_labels.py" line="116"/>
        <source>closed</source>
        <translation>clos</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message numerus="yes">
        <location filename="../../ui/error_text.py" line="80"/>
        <source>Staff id or PIN not recognised. %n attempt(s) left before the account is locked.</source>
        <translation>
            <numerusform>Identifiant ou code PIN non reconnu. Encore %n essai avant le verrouillage du compte.</numerusform>
            <numerusform>Identifiant ou code PIN non reconnu. Encore %n essais avant le verrouillage du compte.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/error_text.py" line="85"/>
        <source>Enter your authenticator code. %n attempt(s) left.</source>
        <translation>
            <numerusform>Saisissez le code de votre authentificateur. %n essai restant.</numerusform>
            <numerusform>Saisissez le code de votre authentificateur. %n essais restants.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/error_text.py" line="88"/>
        <source>Authenticator code not accepted. %n attempt(s) left.</source>
        <translation>
            <numerusform>Code de l&apos;authentificateur refusé. %n essai restant.</numerusform>
            <numerusform>Code de l&apos;authentificateur refusé. %n essais restants.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="100"/>
        <source>Too many wrong PINs: sign-in is locked until {locked_until}.</source>
        <translation>Trop de codes PIN erronés : la connexion est bloquée jusqu&apos;à {locked_until}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="103"/>
        <source>A {role} may not {action}: not part of this role.</source>
        <translation>Action non autorisée pour le rôle «&#xa0;{role}&#xa0;» : {action}. Cela ne fait pas partie de ce rôle.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="106"/>
        <source>A {role} may not {action}: the guest belongs to another host and you are not covering for them.</source>
        <translation>Action non autorisée pour le rôle «&#xa0;{role}&#xa0;» : {action}. Le client dépend d&apos;un autre hôte et vous ne le remplacez pas.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="111"/>
        <source>A {role} may not {action}: the itinerary of this guest is not disclosed to you (quiet visit or role).</source>
        <translation>Action non autorisée pour le rôle «&#xa0;{role}&#xa0;» : {action}. L&apos;itinéraire de ce client ne vous est pas communiqué (visite tranquille ou rôle).</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="116"/>
        <source>A {role} may not {action}: quiet visit: no public paging or announcements; contact through the host or a messenger.</source>
        <translation>Action non autorisée pour le rôle «&#xa0;{role}&#xa0;» : {action}. Visite tranquille : ni appel public ni annonce ; contact par l&apos;hôte ou un messager.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="121"/>
        <source>No guest found for card {card}. Register them as a walk-in?</source>
        <translation>Aucun client trouvé pour la carte {card}. L&apos;enregistrer comme client de passage ?</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="124"/>
        <source>No guest {guest_id} in the local store.</source>
        <translation>Aucun client {guest_id} dans le stockage local.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="127"/>
        <source>This guest has no code word on file; identify them another way.</source>
        <translation>Ce client n&apos;a pas de mot de passe enregistré ; identifiez-le autrement.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="130"/>
        <source>The {field} is required.</source>
        <translation>Le champ «&#xa0;{field}&#xa0;» est obligatoire.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="131"/>
        <source>The {field} is too long ({length} characters, max {max_len}).</source>
        <translation>Le champ «&#xa0;{field}&#xa0;» est trop long ({length} caractères, max.&#xa0;{max_len}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="134"/>
        <source>The {field} seems to contain a full payment card number. Staff never ask for or write down card numbers: remove it. A masked form such as 411111******1111 is fine; write a phone number with its + country code.</source>
        <translation>Le champ «&#xa0;{field}&#xa0;» semble contenir un numéro complet de carte de paiement. Le personnel ne demande ni ne note jamais de numéro de carte : retirez-le. Une forme masquée comme 411111******1111 est acceptée ; écrivez un numéro de téléphone avec son indicatif + du pays.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="141"/>
        <source>Write the phone number with its + country code.</source>
        <translation>Écrivez le numéro de téléphone avec son indicatif + du pays.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="144"/>
        <source>Too many entries for {field} ({entries}, max {max_entries}).</source>
        <translation>Trop d&apos;entrées pour «&#xa0;{field}&#xa0;» ({entries}, max.&#xa0;{max_entries}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="147"/>
        <source>Nothing was read from the card.</source>
        <translation>Rien n&apos;a été lu sur la carte.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="150"/>
        <source>The card could not be read; swipe it again.</source>
        <translation>La carte n&apos;a pas pu être lue ; passez-la de nouveau.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="153"/>
        <source>The card&apos;s tracks disagree; swipe it again.</source>
        <translation>Les pistes de la carte ne concordent pas ; passez-la de nouveau.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="156"/>
        <source>Not a loyalty card: loyalty numbers have {min_digits}-{max_digits} digits and start with {prefix}.</source>
        <translation>Ce n&apos;est pas une carte de fidélité : les numéros de fidélité ont de {min_digits} à {max_digits} chiffres et commencent par {prefix}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="161"/>
        <source>This looks like a payment card — staff never take card numbers. Nothing was read or stored; ask for the loyalty card.</source>
        <translation>Cela ressemble à une carte de paiement — le personnel ne prend jamais de numéro de carte. Rien n&apos;a été lu ni enregistré ; demandez la carte de fidélité.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="166"/>
        <source>{language} is not a language code (two letters, such as fr).</source>
        <translation>{language} n&apos;est pas un code de langue (deux lettres, comme fr).</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="169"/>
        <source>Act {number} signed (PDF {sha})</source>
        <translation>Acte {number} signé (PDF {sha})</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="172"/>
        <source>Post-incident report {number} signed (PDF {sha})</source>
        <translation>Rapport post-incident {number} signé (PDF {sha})</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="175"/>
        <source>Post-incident report {report} signed off: {number} (PDF {sha})</source>
        <translation>Rapport post-incident {report} visé : {number} (PDF {sha})</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="178"/>
        <source>Photo attached ({sha})</source>
        <translation>Photo jointe ({sha})</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="179"/>
        <source>Receipt attached ({sha})</source>
        <translation>Reçu joint ({sha})</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="182"/>
        <source>Card {card} already belongs to a guest: search for it.</source>
        <translation>La carte {card} appartient déjà à un client : recherchez-le.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="185"/>
        <source>{host_id} is not an active host.</source>
        <translation>{host_id} n&apos;est pas un hôte en activité.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="188"/>
        <source>No incident {incident_id} in the local store.</source>
        <translation>Aucun incident {incident_id} dans le stockage local.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="191"/>
        <source>An amount cannot be negative.</source>
        <translation>Un montant ne peut pas être négatif.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="194"/>
        <source>No table {table_id} on this floor.</source>
        <translation>Aucune table {table_id} dans cette salle.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="197"/>
        <source>The guest on this incident is not in the local store.</source>
        <translation>Le client de cet incident n&apos;est pas dans le stockage local.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="200"/>
        <source>An incident cannot move from {from_status} to {to_status}.</source>
        <translation>Un incident ne peut pas passer de «&#xa0;{from_status}&#xa0;» à «&#xa0;{to_status}&#xa0;».</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="203"/>
        <source>Only reaching the table, a decision and stabilising are milestones.</source>
        <translation>Seules l&apos;arrivée à la table, la décision et la stabilisation sont des étapes.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="207"/>
        <source>There is no escalation level {level}: levels run from L1 to L4.</source>
        <translation>Il n&apos;existe pas de niveau d&apos;escalade {level} : les niveaux vont de L1 à L4.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="210"/>
        <source>A note cannot be empty.</source>
        <translation>Une note ne peut pas être vide.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="213"/>
        <source>Incident {number} is resolved or closed: reopen it first.</source>
        <translation>L&apos;incident {number} est résolu ou clôturé : rouvrez-le d&apos;abord.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="216"/>
        <source>Already recorded: {milestone}.</source>
        <translation>Déjà enregistré : {milestone}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="219"/>
        <source>The period is empty: its end must come after its start.</source>
        <translation>La période est vide : sa fin doit venir après son début.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="222"/>
        <source>Incident {number} is not resolved: the guest is asked on resolve.</source>
        <translation>L&apos;incident {number} n&apos;est pas résolu : le client est interrogé à la résolution.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="225"/>
        <source>The guest&apos;s satisfaction is already recorded for this resolution.</source>
        <translation>La satisfaction du client est déjà enregistrée pour cette résolution.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="228"/>
        <source>The incident is already at {current}: it can only be escalated above it, not to {level}.</source>
        <translation>L&apos;incident est déjà en {current} : il ne peut être escaladé qu&apos;au-dessus, pas en {level}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="233"/>
        <source>Nothing to attach: the file is empty.</source>
        <translation>Rien à joindre : le fichier est vide.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="236"/>
        <source>The file is {size_mb} MB; an attachment is at most {max_mb} MB.</source>
        <translation>Le fichier fait {size_mb} Mo ; une pièce jointe fait au plus {max_mb} Mo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="239"/>
        <source>Attach a photo (JPEG or PNG) or a receipt (PDF, JPEG or PNG).</source>
        <translation>Joignez une photo (JPEG ou PNG) ou un reçu (PDF, JPEG ou PNG).</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="242"/>
        <source>Choose at least one item to promise.</source>
        <translation>Choisissez au moins un élément à promettre.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="245"/>
        <source>Service recovery needs the guest on the incident.</source>
        <translation>Un geste commercial nécessite que le client figure sur l&apos;incident.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="248"/>
        <source>Incident {number} has no such promise: nothing was marked delivered.</source>
        <translation>L&apos;incident {number} n&apos;a pas cette promesse : rien n&apos;a été marqué comme remis.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="251"/>
        <source>This promise on incident {number} is already marked delivered.</source>
        <translation>Cette promesse de l&apos;incident {number} est déjà marquée comme remise.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="254"/>
        <source>The guest is self-excluded: play incentives are never offered.</source>
        <translation>Le client est auto-exclu : aucune incitation au jeu n&apos;est jamais proposée.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="257"/>
        <source>The guest is cooling off until {until}: play incentives are never offered.</source>
        <translation>Le client est en période de réflexion jusqu&apos;au {until} : aucune incitation au jeu n&apos;est jamais proposée.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="261"/>
        <source>Self-excluded: never offer free play or bonus play.</source>
        <translation>Auto-exclu : ne proposez jamais de jeu gratuit ni de bonus de jeu.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="264"/>
        <source>Cooling-off until {until}: never offer free play or bonus play.</source>
        <translation>Période de réflexion jusqu&apos;au {until} : ne proposez jamais de jeu gratuit ni de bonus de jeu.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="267"/>
        <source>Quiet visit: no public paging or announcements; contact through the host or a messenger.</source>
        <translation>Visite tranquille : ni appel public ni annonce ; contact par l&apos;hôte ou un messager.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="272"/>
        <source>The {field} is missing: sign on the pad.</source>
        <translation>La {field} manque : signez dans la zone de signature.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="275"/>
        <source>The {field} is not a drawing the act can hold.</source>
        <translation>La {field} n&apos;est pas un tracé que l&apos;acte peut contenir.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="278"/>
        <source>A signature has at most {max_points} points.</source>
        <translation>Une signature compte au plus {max_points} points.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="281"/>
        <source>A guest who did not sign has no drawn signature on the act.</source>
        <translation>Un client qui n&apos;a pas signé n&apos;a pas de signature tracée sur l&apos;acte.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="284"/>
        <source>At most {max_count} compensation lines on one act.</source>
        <translation>Au plus {max_count} lignes de compensation par acte.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="287"/>
        <source>A compensation value cannot be negative.</source>
        <translation>La valeur d&apos;une compensation ne peut pas être négative.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="290"/>
        <source>This guest is self-excluded or cooling off: never offer free play or bonus play. Choose another form of service recovery.</source>
        <translation>Ce client est auto-exclu ou en période de réflexion : ne proposez jamais de jeu gratuit ni de bonus de jeu. Choisissez un autre geste commercial.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="295"/>
        <source>Incident {number} is closed: an act is fixed in writing before the case is closed. Reopen it first.</source>
        <translation>L&apos;incident {number} est clos : un acte est établi par écrit avant la clôture du dossier. Rouvrez-le d&apos;abord.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="300"/>
        <source>Post-incident reports are for P1 and P2 incidents.</source>
        <translation>Les rapports post-incident concernent les incidents P1 et P2.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="303"/>
        <source>A post-incident report names at least one measure.</source>
        <translation>Un rapport post-incident indique au moins une mesure.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="306"/>
        <source>At most {max_count} measures in one report.</source>
        <translation>Au plus {max_count} mesures par rapport.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="309"/>
        <source>Incident {number} is still open: a post-incident report is signed off once the incident is resolved.</source>
        <translation>L&apos;incident {number} est encore ouvert : un rapport post-incident se vise une fois l&apos;incident résolu.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="314"/>
        <source>Incident {number} has no post-incident report to sign off.</source>
        <translation>L&apos;incident {number} n&apos;a pas de rapport post-incident à viser.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="317"/>
        <source>Report {report} is already signed off ({number}).</source>
        <translation>Le rapport {report} est déjà visé ({number}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="320"/>
        <source>A newer report replaces this one: sign off {latest}.</source>
        <translation>Un rapport plus récent remplace celui-ci : visez {latest}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="323"/>
        <source>No act {act_id} in the local store.</source>
        <translation>Aucun acte {act_id} dans le stockage local.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="326"/>
        <source>Act {number}: its PDF does not hold the recorded content.</source>
        <translation>Acte {number} : son PDF ne contient pas le contenu enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="329"/>
        <source>This tablet has no act-signing certificate yet: the helpdesk issues one once IT has provisioned the tablet and it is online.</source>
        <translation>Cette tablette n&apos;a pas encore de certificat de signature des actes : le helpdesk en délivre un une fois la tablette provisionnée par l&apos;informatique et en ligne.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="334"/>
        <source>This tablet&apos;s act-signing certificate expired on {until}: it is renewed when the tablet reaches the helpdesk.</source>
        <translation>Le certificat de signature des actes de cette tablette a expiré le {until} : il est renouvelé quand la tablette joint le helpdesk.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="339"/>
        <source>This tablet&apos;s act-signing key cannot be read: call IT.</source>
        <translation>La clé de signature des actes de cette tablette est illisible : appelez l&apos;informatique.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="342"/>
        <source>This change was settled meanwhile: the list is up to date now.</source>
        <translation>Cette modification a été réglée entre-temps : la liste est maintenant à jour.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="345"/>
        <source>The incident stays on this tablet only and never reaches the helpdesk; its later changes waiting to be sent ({count}) are discarded too.</source>
        <translation>L&apos;incident reste sur cette tablette seulement et n&apos;atteindra jamais le helpdesk ; ses modifications suivantes en attente d&apos;envoi ({count}) sont abandonnées aussi.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="350"/>
        <source>Your change is undone on this tablet.</source>
        <translation>Votre modification est annulée sur cette tablette.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="353"/>
        <source>The timeline entry stays on this tablet only; the helpdesk never receives it.</source>
        <translation>L&apos;entrée de l&apos;historique reste sur cette tablette seulement ; le helpdesk ne la reçoit jamais.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="357"/>
        <source>The signed document stays on this tablet; the helpdesk will not have a copy.</source>
        <translation>Le document signé reste sur cette tablette ; le helpdesk n&apos;en aura pas de copie.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="361"/>
        <source>The walk-in is removed from this tablet.</source>
        <translation>Le client sans réservation est retiré de cette tablette.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="364"/>
        <source>The walk-in stays on this tablet only: incidents here name them ({count}).</source>
        <translation>Le client sans réservation reste sur cette tablette seulement : des incidents ici le désignent ({count}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="368"/>
        <source>Your preference change stays on this tablet until the helpdesk sends this guest again.</source>
        <translation>Votre modification des préférences reste sur cette tablette jusqu&apos;à ce que le helpdesk renvoie ce client.</translation>
    </message>
    <message>
        <location filename="../../ui/error_text.py" line="373"/>
        <source>Nothing on this tablet depends on it.</source>
        <translation>Rien sur cette tablette n&apos;en dépend.</translation>
    </message>
    <message>
        <location filename="../../ui/updates/texts.py" line="8"/>
        <source>Update refused: the file from {source} is not the one the property&apos;s keys signed (tampered or damaged). Nothing was installed. Tell IT.</source>
        <translation>Mise à jour refusée : le fichier venant de {source} n&apos;est pas celui signé par les clés de l&apos;établissement (altéré ou endommagé). Rien n&apos;a été installé. Prévenez l&apos;informatique.</translation>
    </message>
    <message>
        <location filename="../../ui/updates/texts.py" line="13"/>
        <source>Update refused: the update information from {source} is not signed by the property&apos;s keys. Nothing was installed. Tell IT.</source>
        <translation>Mise à jour refusée : les informations de mise à jour venant de {source} ne sont pas signées par les clés de l&apos;établissement. Rien n&apos;a été installé. Prévenez l&apos;informatique.</translation>
    </message>
    <message>
        <location filename="../../ui/updates/texts.py" line="18"/>
        <source>Update refused: the update information from {source} has expired (IT must sign it again). Nothing was installed. Tell IT.</source>
        <translation>Mise à jour refusée : les informations de mise à jour venant de {source} ont expiré (l&apos;informatique doit les signer à nouveau). Rien n&apos;a été installé. Prévenez l&apos;informatique.</translation>
    </message>
    <message>
        <location filename="../../ui/updates/texts.py" line="23"/>
        <source>Update refused: {source} offers older update information than this tablet already had (a rollback). Nothing was installed. Tell IT.</source>
        <translation>Mise à jour refusée : {source} propose des informations de mise à jour plus anciennes que celles déjà reçues par cette tablette (un retour en arrière). Rien n&apos;a été installé. Prévenez l&apos;informatique.</translation>
    </message>
    <message>
        <location filename="../../ui/updates/texts.py" line="28"/>
        <source>Update refused: the update information from {source} is not valid. Nothing was installed. Tell IT.</source>
        <translation>Mise à jour refusée : les informations de mise à jour venant de {source} ne sont pas valides. Rien n&apos;a été installé. Prévenez l&apos;informatique.</translation>
    </message>
</context>
<context>
    <name>DeskPage</name>
    <message>
        <location filename="../../ui/desk/page.py" line="36"/>
        <source>Register walk-in</source>
        <translation>Enregistrer un client de passage</translation>
    </message>
    <message>
        <location filename="../../ui/desk/page.py" line="39"/>
        <source>Open request</source>
        <translation>Ouvrir une demande</translation>
    </message>
    <message>
        <location filename="../../ui/desk/page.py" line="96"/>
        <source>Request {ticket} opened and routed to {host}.</source>
        <translation>Demande {ticket} ouverte et transmise à {host}.</translation>
    </message>
</context>
<context>
    <name>FloorPage</name>
    <message>
        <location filename="../../ui/floor/view.py" line="162"/>
        <source>Tap a table</source>
        <translation>Touchez une table</translation>
    </message>
    <message>
        <location filename="../../ui/floor/view.py" line="169"/>
        <source>Incidents at this table</source>
        <translation>Incidents à cette table</translation>
    </message>
    <message>
        <location filename="../../ui/floor/view.py" line="178"/>
        <source>Log an incident here</source>
        <translation>Signaler un incident ici</translation>
    </message>
    <message>
        <location filename="../../ui/floor/view.py" line="250"/>
        <source>{table} · {game}</source>
        <translation>{table} · {game}</translation>
    </message>
    <message>
        <location filename="../../ui/floor/view.py" line="262"/>
        <source>No open incident at this table.</source>
        <translation>Aucun incident ouvert à cette table.</translation>
    </message>
</context>
<context>
    <name>FormParts</name>
    <message>
        <location filename="../../ui/form_parts.py" line="33"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>GuestCardPanel</name>
    <message>
        <location filename="../../ui/guest/card_panel.py" line="42"/>
        <source>Guest</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_panel.py" line="44"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>GuestCardWidget</name>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="105"/>
        <source>Swipe a card or search for a guest.</source>
        <translation>Passez une carte ou recherchez un client.</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="123"/>
        <source>Guest</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="228"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="230"/>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="232"/>
        <source>Languages</source>
        <translation>Langues</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="233"/>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="236"/>
        <source>Channels</source>
        <translation>Canaux</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="239"/>
        <source>Room</source>
        <translation>Chambre</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="240"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="241"/>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="246"/>
        <source>Code word</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="246"/>
        <source>on file: ask the guest, never say it</source>
        <translation>enregistré : demandez-le au client, ne le dites jamais</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="124"/>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="255"/>
        <source>Drinks</source>
        <translation>Boissons</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="256"/>
        <source>Meals</source>
        <translation>Repas</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="257"/>
        <source>Rooms</source>
        <translation>Chambres</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="258"/>
        <source>Tables / games</source>
        <translation>Tables / jeux</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="259"/>
        <source>Communication</source>
        <translation>Communication</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="260"/>
        <source>Transfers</source>
        <translation>Transferts</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="125"/>
        <source>Travel risk profile</source>
        <translation>Profil de risque voyage</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="269"/>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="271"/>
        <source>Visas</source>
        <translation>Visas</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="273"/>
        <source>Insurance</source>
        <translation>Assurance</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="275"/>
        <source>Cash limit</source>
        <translation>Plafond d&apos;espèces</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="126"/>
        <source>Limits and value</source>
        <translation>Limites et valeur</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="282"/>
        <source>Table limit</source>
        <translation>Limite de table</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="283"/>
        <source>Credit line</source>
        <translation>Ligne de crédit</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="284"/>
        <source>ADT</source>
        <translation>ADT</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="285"/>
        <source>Theo (this trip)</source>
        <translation>Théo (ce séjour)</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="293"/>
        <source>Personal time limit</source>
        <translation>Limite de temps personnelle</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="294"/>
        <source>{m} min a day</source>
        <translation>{m} min par jour</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="298"/>
        <source>Personal bankroll limit</source>
        <translation>Limite de mise personnelle</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="127"/>
        <source>Itinerary</source>
        <translation>Itinéraire</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="309"/>
        <source>Itinerary and dates are masked.</source>
        <translation>L&apos;itinéraire et les dates sont masqués.</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="312"/>
        <source>Reveal itinerary</source>
        <translation>Afficher l&apos;itinéraire</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="129"/>
        <source>Incident history</source>
        <translation>Historique des incidents</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="204"/>
        <source>No incidents on file.</source>
        <translation>Aucun incident enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="352"/>
        <source>No itinerary on file.</source>
        <translation>Aucun itinéraire enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_banners.py" line="19"/>
        <source>Gambling help to offer</source>
        <translation>Aide au jeu responsable à proposer</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_banners.py" line="29"/>
        <source>This venue&apos;s self-exclusion programme</source>
        <translation>Programme d&apos;auto-exclusion de l&apos;établissement</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_banners.py" line="66"/>
        <source>no public paging or announcements</source>
        <translation>ni appel public ni annonce</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_banners.py" line="69"/>
        <source>no camera / press</source>
        <translation>ni caméra ni presse</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_banners.py" line="72"/>
        <source>contact through the host only</source>
        <translation>contact par l&apos;hôte uniquement</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_banners.py" line="76"/>
        <source>private corridors and lifts</source>
        <translation>couloirs et ascenseurs privés</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_banners.py" line="78"/>
        <source>QUIET VISIT</source>
        <translation>VISITE TRANQUILLE</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_banners.py" line="82"/>
        <source>SELF-EXCLUDED — no play incentives (no free play, no bonus play).</source>
        <translation>AUTO-EXCLU — aucune incitation au jeu (ni jeu gratuit, ni bonus de jeu).</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_banners.py" line="87"/>
        <source>COOLING-OFF until {date} — no play incentives.</source>
        <translation>PÉRIODE DE RÉFLEXION jusqu&apos;au {date} — aucune incitation au jeu.</translation>
    </message>
</context>
<context>
    <name>GuestLookupPanel</name>
    <message>
        <location filename="../../ui/guest/lookup.py" line="73"/>
        <source>Search guest by name, room or phone — or swipe a card</source>
        <translation>Rechercher un client par nom, chambre ou téléphone — ou passer une carte</translation>
    </message>
    <message>
        <location filename="../../ui/guest/lookup.py" line="68"/>
        <source>Guest search</source>
        <translation>Recherche de client</translation>
    </message>
    <message>
        <location filename="../../ui/guest/lookup.py" line="74"/>
        <source>Name, room, phone — or swipe a card</source>
        <translation>Nom, chambre, téléphone — ou carte</translation>
    </message>
    <message>
        <location filename="../../ui/guest/lookup.py" line="75"/>
        <source>Search or swipe a card</source>
        <translation>Chercher ou passer une carte</translation>
    </message>
    <message>
        <location filename="../../ui/guest/lookup.py" line="81"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../../ui/guest/lookup.py" line="93"/>
        <source>Guests found</source>
        <translation>Clients trouvés</translation>
    </message>
    <message>
        <location filename="../../ui/guest/lookup.py" line="113"/>
        <source>Register walk-in</source>
        <translation>Enregistrer le visiteur</translation>
    </message>
    <message>
        <location filename="../../ui/guest/lookup.py" line="117"/>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/guest/lookup.py" line="222"/>
        <source>That was a payment card: nothing was read or stored. Ask for the loyalty card.</source>
        <translation>C&apos;était une carte de paiement : rien n&apos;a été lu ni enregistré. Demandez la carte de fidélité.</translation>
    </message>
    <message>
        <location filename="../../ui/guest/lookup.py" line="229"/>
        <source>Card not found ({card}). The guest may be a walk-in.</source>
        <translation>Carte inconnue ({card}). Le client est peut-être un visiteur sans réservation.</translation>
    </message>
    <message>
        <location filename="../../ui/guest/lookup.py" line="233"/>
        <source>Ask the VIP desk or the guest&apos;s host to register them.</source>
        <translation>Demandez au desk VIP ou à l&apos;hôte du client de l&apos;enregistrer.</translation>
    </message>
    <message>
        <location filename="../../ui/guest/lookup.py" line="317"/>
        <source>No guest matches “{text}”. Check the spelling, or swipe the card.</source>
        <translation>Aucun client ne correspond à « {text} ». Vérifiez l&apos;orthographe ou passez la carte.</translation>
    </message>
</context>
<context>
    <name>GuestTimelineView</name>
    <message>
        <location filename="../../ui/guest/timeline.py" line="112"/>
        <source>Timeline</source>
        <translation>Historique du client</translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <location filename="../../ui/reports/handover.py" line="36"/>
        <source>Save the shift handover</source>
        <translation>Enregistrer la passation de poste</translation>
    </message>
    <message>
        <location filename="../../ui/reports/handover.py" line="38"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/reports/handover.py" line="57"/>
        <location filename="../../ui/reports/handover.py" line="79"/>
        <source>Shift handover</source>
        <translation>Passation de poste</translation>
    </message>
    <message>
        <location filename="../../ui/reports/handover.py" line="83"/>
        <source>Signed for the incoming team: {breached} breached, {waiting} waiting, {open} other open, {promises} promises to keep.</source>
        <translation>Signée pour l&apos;équipe entrante : {breached} en dépassement, {waiting} en attente, {open} autres ouverts, {promises} promesses à tenir.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/handover.py" line="100"/>
        <source>Save PDF…</source>
        <translation>Enregistrer le PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/reports/handover.py" line="104"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/reports/handover.py" line="136"/>
        <source>Signature timestamped by the helpdesk, with its proofs (PAdES B-LT).</source>
        <translation>Signature horodatée par le helpdesk, avec ses preuves (PAdES B-LT).</translation>
    </message>
    <message>
        <location filename="../../ui/reports/handover.py" line="140"/>
        <source>Signature timestamped by the helpdesk (PAdES B-T).</source>
        <translation>Signature horodatée par le helpdesk (PAdES B-T).</translation>
    </message>
    <message>
        <location filename="../../ui/reports/handover.py" line="143"/>
        <source>Signed by this tablet only (PAdES B-B): the helpdesk was not reached to timestamp it.</source>
        <translation>Signé par cette tablette seule (PAdES B-B) : le helpdesk n&apos;a pas pu être joint pour l&apos;horodater.</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../../ui/shell/help_overlay.py" line="19"/>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../ui/shell/help_overlay.py" line="21"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>HostAlerts</name>
    <message>
        <location filename="../../ui/host/alerts.py" line="119"/>
        <source>{guest} is in an incident: {ticket} {priority} {what}</source>
        <translation>{guest} est concerné(e) par un incident : {ticket} {priority} {what}</translation>
    </message>
</context>
<context>
    <name>HostPage</name>
    <message>
        <location filename="../../ui/host/page.py" line="57"/>
        <location filename="../../ui/host/page.py" line="76"/>
        <location filename="../../ui/host/page.py" line="118"/>
        <source>My guests</source>
        <translation>Mes clients</translation>
    </message>
    <message>
        <location filename="../../ui/host/page.py" line="70"/>
        <location filename="../../ui/host/page.py" line="78"/>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <location filename="../../ui/host/page.py" line="103"/>
        <source>Card</source>
        <translation>Fiche</translation>
    </message>
    <message>
        <location filename="../../ui/host/page.py" line="104"/>
        <source>Timeline</source>
        <translation>Suivi</translation>
    </message>
    <message>
        <location filename="../../ui/host/page.py" line="105"/>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <location filename="../../ui/host/page.py" line="106"/>
        <source>Recovery</source>
        <translation>Geste commercial</translation>
    </message>
</context>
<context>
    <name>IncidentFields</name>
    <message>
        <location filename="../../ui/incident/fields.py" line="25"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../ui/incident/fields.py" line="26"/>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <location filename="../../ui/incident/fields.py" line="27"/>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <location filename="../../ui/incident/fields.py" line="28"/>
        <source>Guest</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../ui/incident/fields.py" line="29"/>
        <source>Escalation level</source>
        <translation>Niveau d&apos;escalade</translation>
    </message>
    <message>
        <location filename="../../ui/incident/fields.py" line="30"/>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <location filename="../../ui/incident/fields.py" line="31"/>
        <source>Desired outcome</source>
        <translation>Résultat souhaité</translation>
    </message>
    <message>
        <location filename="../../ui/incident/fields.py" line="38"/>
        <source>{field}: {before} → {after}</source>
        <translation>{field} : {before} → {after}</translation>
    </message>
</context>
<context>
    <name>IncidentForm</name>
    <message>
        <location filename="../../ui/incident/form.py" line="91"/>
        <source>New table incident</source>
        <translation>Nouvel incident de table</translation>
    </message>
    <message>
        <location filename="../../ui/incident/form.py" line="114"/>
        <location filename="../../ui/incident/form.py" line="297"/>
        <source>Swipe the guest&apos;s card (optional)</source>
        <translation>Passez la carte du client (facultatif)</translation>
    </message>
    <message>
        <location filename="../../ui/incident/form.py" line="118"/>
        <source>No guest</source>
        <translation>Aucun client</translation>
    </message>
    <message>
        <location filename="../../ui/incident/form.py" line="148"/>
        <source>More details</source>
        <translation>Plus de détails</translation>
    </message>
    <message>
        <location filename="../../ui/incident/form.py" line="159"/>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <location filename="../../ui/incident/form.py" line="160"/>
        <source>Desired outcome</source>
        <translation>Résultat souhaité</translation>
    </message>
    <message>
        <location filename="../../ui/incident/form.py" line="161"/>
        <source>Machine</source>
        <translation>Machine</translation>
    </message>
    <message>
        <location filename="../../ui/incident/form.py" line="172"/>
        <source>Amount (AUD)</source>
        <translation>Montant (AUD)</translation>
    </message>
    <message>
        <location filename="../../ui/incident/form.py" line="162"/>
        <source>Transaction</source>
        <translation>Transaction</translation>
    </message>
    <message>
        <location filename="../../ui/incident/form.py" line="106"/>
        <source>Other table</source>
        <translation>Autre table</translation>
    </message>
    <message>
        <location filename="../../ui/incident/form.py" line="181"/>
        <source>Log incident</source>
        <translation>Enregistrer l&apos;incident</translation>
    </message>
    <message>
        <location filename="../../ui/incident/form.py" line="185"/>
        <source>Log incident (Ctrl+Enter)</source>
        <translation>Enregistrer l&apos;incident (Ctrl+Entrée)</translation>
    </message>
    <message>
        <location filename="../../ui/incident/form.py" line="200"/>
        <source>Table</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../../ui/incident/form.py" line="201"/>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <location filename="../../ui/incident/form.py" line="202"/>
        <source>What happened</source>
        <translation>Ce qui s&apos;est passé</translation>
    </message>
    <message>
        <location filename="../../ui/incident/form.py" line="284"/>
        <source>Guest: {name} ({tier})</source>
        <translation>Client : {name} ({tier})</translation>
    </message>
</context>
<context>
    <name>IncidentHistory</name>
    <message>
        <location filename="../../ui/incident/history.py" line="38"/>
        <source>Opened</source>
        <translation>Ouvert</translation>
    </message>
    <message>
        <location filename="../../ui/incident/history.py" line="39"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../ui/incident/history.py" line="40"/>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <location filename="../../ui/incident/history.py" line="41"/>
        <source>Assigned</source>
        <translation>Attribué</translation>
    </message>
    <message>
        <location filename="../../ui/incident/history.py" line="42"/>
        <source>Escalated</source>
        <translation>Escaladé</translation>
    </message>
    <message>
        <location filename="../../ui/incident/history.py" line="43"/>
        <source>Reached the table</source>
        <translation>Arrivé à la table</translation>
    </message>
    <message>
        <location filename="../../ui/incident/history.py" line="44"/>
        <source>Decision taken</source>
        <translation>Décision prise</translation>
    </message>
    <message>
        <location filename="../../ui/incident/history.py" line="45"/>
        <source>Stabilised</source>
        <translation>Stabilisé</translation>
    </message>
    <message>
        <location filename="../../ui/incident/history.py" line="46"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/incident/history.py" line="47"/>
        <source>Compensation promised</source>
        <translation>Compensation promise</translation>
    </message>
    <message>
        <location filename="../../ui/incident/history.py" line="50"/>
        <source>Compensation delivered</source>
        <translation>Compensation remise</translation>
    </message>
    <message>
        <location filename="../../ui/incident/history.py" line="53"/>
        <source>Changed on two tablets, settled</source>
        <translation>Modifié sur deux tablettes, tranché</translation>
    </message>
    <message>
        <location filename="../../ui/incident/history.py" line="56"/>
        <source>Guest satisfaction</source>
        <translation>Satisfaction du client</translation>
    </message>
    <message>
        <location filename="../../ui/incident/history.py" line="81"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../../ui/incident/history.py" line="82"/>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location filename="../../ui/incident/history.py" line="83"/>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <location filename="../../ui/incident/history.py" line="84"/>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <location filename="../../ui/incident/history.py" line="113"/>
        <source>{change} (the second kept)</source>
        <translation>{change} (la seconde est retenue)</translation>
    </message>
    <message>
        <location filename="../../ui/incident/history.py" line="129"/>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location filename="../../ui/incident/history.py" line="146"/>
        <source>Add a note to the incident</source>
        <translation>Ajouter une note à l&apos;incident</translation>
    </message>
    <message>
        <location filename="../../ui/incident/history.py" line="150"/>
        <source>Add note</source>
        <translation>Ajouter la note</translation>
    </message>
</context>
<context>
    <name>IncidentLabels</name>
    <message>
        <location filename="../../ui/incident/labels.py" line="63"/>
        <source>{number} (prov.)</source>
        <translation>{number} (prov.)</translation>
    </message>
    <message>
        <location filename="../../ui/incident/labels.py" line="114"/>
        <source>BREACHED</source>
        <translation>DÉPASSÉ</translation>
    </message>
    <message>
        <location filename="../../ui/incident/labels.py" line="116"/>
        <source>SLA missed</source>
        <translation>SLA manqué</translation>
    </message>
    <message>
        <location filename="../../ui/incident/labels.py" line="118"/>
        <source>paused</source>
        <translation>en pause</translation>
    </message>
    <message>
        <location filename="../../ui/incident/labels.py" line="144"/>
        <source>Breached {age} ago · {level}</source>
        <translation>Dépassé · {age} · {level}</translation>
    </message>
    <message>
        <location filename="../../ui/incident/labels.py" line="151"/>
        <source>Breached · {level}</source>
        <translation>Dépassé · {level}</translation>
    </message>
    <message>
        <location filename="../../ui/incident/labels.py" line="152"/>
        <source>{age} ago</source>
        <translation>il y a {age}</translation>
    </message>
    <message>
        <location filename="../../ui/incident/labels.py" line="159"/>
        <source>breach within {minutes} min</source>
        <translation>dépasse dans {minutes} min</translation>
    </message>
</context>
<context>
    <name>IncidentPhotos</name>
    <message>
        <location filename="../../ui/incident/photos.py" line="50"/>
        <source>Attach a photo or a receipt</source>
        <translation>Joindre une photo ou un reçu</translation>
    </message>
    <message>
        <location filename="../../ui/incident/photos.py" line="51"/>
        <source>Photos and receipts (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>Photos et reçus (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/incident/photos.py" line="87"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/incident/photos.py" line="125"/>
        <source>Attach photo</source>
        <translation>Joindre une photo</translation>
    </message>
    <message>
        <location filename="../../ui/incident/photos.py" line="130"/>
        <source>Attach receipt</source>
        <translation>Joindre un reçu</translation>
    </message>
    <message>
        <location filename="../../ui/incident/photos.py" line="136"/>
        <source>No photo or receipt yet.</source>
        <translation>Pas encore de photo ni de reçu.</translation>
    </message>
    <message>
        <location filename="../../ui/incident/photos.py" line="141"/>
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../../ui/incident/photos.py" line="188"/>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location filename="../../ui/incident/photos.py" line="190"/>
        <source>Receipt</source>
        <translation>Reçu</translation>
    </message>
</context>
<context>
    <name>IncidentSteps</name>
    <message>
        <location filename="../../ui/incident/steps.py" line="29"/>
        <source>Escalate to {level}</source>
        <translation>Escalader en {level}</translation>
    </message>
    <message>
        <location filename="../../ui/incident/steps.py" line="33"/>
        <source>Reached the table</source>
        <translation>Arrivé à la table</translation>
    </message>
    <message>
        <location filename="../../ui/incident/steps.py" line="34"/>
        <source>Decision taken</source>
        <translation>Décision prise</translation>
    </message>
    <message>
        <location filename="../../ui/incident/steps.py" line="35"/>
        <source>Stabilised</source>
        <translation>Stabilisé</translation>
    </message>
    <message>
        <location filename="../../ui/incident/steps.py" line="36"/>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location filename="../../ui/incident/steps.py" line="37"/>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../../ui/incident/steps.py" line="38"/>
        <source>Escalate</source>
        <translation>Escalader</translation>
    </message>
    <message>
        <location filename="../../ui/incident/steps.py" line="39"/>
        <source>Resolve</source>
        <translation>Résoudre</translation>
    </message>
    <message>
        <location filename="../../ui/incident/steps.py" line="40"/>
        <source>Ask the guest</source>
        <translation>Interroger le client</translation>
    </message>
    <message>
        <location filename="../../ui/incident/steps.py" line="41"/>
        <source>Reopen</source>
        <translation>Rouvrir</translation>
    </message>
    <message>
        <location filename="../../ui/incident/steps.py" line="42"/>
        <source>Close</source>
        <translation>Clôturer</translation>
    </message>
    <message>
        <location filename="../../ui/incident/steps.py" line="43"/>
        <source>Record act</source>
        <translation>Établir l&apos;acte</translation>
    </message>
    <message>
        <location filename="../../ui/incident/steps.py" line="44"/>
        <source>Post-incident report</source>
        <translation>Rapport post-incident</translation>
    </message>
    <message>
        <location filename="../../ui/incident/steps.py" line="45"/>
        <source>Sign off report</source>
        <translation>Viser le rapport</translation>
    </message>
    <message>
        <location filename="../../ui/incident/steps.py" line="117"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/incident/steps.py" line="131"/>
        <source>Resolve this incident? The timers stop.</source>
        <translation>Résoudre cet incident ? Les compteurs s&apos;arrêtent.</translation>
    </message>
    <message>
        <location filename="../../ui/incident/steps.py" line="134"/>
        <source>Yes, resolve</source>
        <translation>Oui, résoudre</translation>
    </message>
    <message>
        <location filename="../../ui/incident/steps.py" line="137"/>
        <source>Close this incident? No act can be added after.</source>
        <translation>Clôturer cet incident ? Aucun acte ne pourra plus être ajouté.</translation>
    </message>
    <message>
        <location filename="../../ui/incident/steps.py" line="140"/>
        <source>Yes, close</source>
        <translation>Oui, clôturer</translation>
    </message>
    <message>
        <location filename="../../ui/incident/steps.py" line="142"/>
        <source>Escalate to {level}?</source>
        <translation>Escalader en {level} ?</translation>
    </message>
    <message>
        <location filename="../../ui/incident/steps.py" line="145"/>
        <source>Yes, escalate</source>
        <translation>Oui, escalader</translation>
    </message>
</context>
<context>
    <name>IncidentTimers</name>
    <message>
        <location filename="../../ui/incident/timers.py" line="30"/>
        <source>Reaction (reach the table)</source>
        <translation>Réaction (arriver à la table)</translation>
    </message>
    <message>
        <location filename="../../ui/incident/timers.py" line="33"/>
        <source>Decision or deferral</source>
        <translation>Décision ou report</translation>
    </message>
    <message>
        <location filename="../../ui/incident/timers.py" line="34"/>
        <source>Stabilise</source>
        <translation>Stabiliser</translation>
    </message>
    <message>
        <location filename="../../ui/incident/timers.py" line="35"/>
        <source>Resolve</source>
        <translation>Résoudre</translation>
    </message>
    <message>
        <location filename="../../ui/incident/timers.py" line="36"/>
        <source>Manager at the table</source>
        <translation>Responsable à la table</translation>
    </message>
    <message>
        <location filename="../../ui/incident/timers.py" line="39"/>
        <source>Equipment back or guest moved</source>
        <translation>Équipement rétabli ou client déplacé</translation>
    </message>
    <message>
        <location filename="../../ui/incident/timers.py" line="53"/>
        <source>met</source>
        <translation>tenu</translation>
    </message>
    <message>
        <location filename="../../ui/incident/timers.py" line="55"/>
        <source>missed</source>
        <translation>manqué</translation>
    </message>
    <message>
        <location filename="../../ui/incident/timers.py" line="61"/>
        <source>paused</source>
        <translation>en pause</translation>
    </message>
    <message>
        <location filename="../../ui/incident/timers.py" line="68"/>
        <source>BREACHED</source>
        <translation>DÉPASSÉ</translation>
    </message>
</context>
<context>
    <name>IncidentView</name>
    <message>
        <location filename="../../ui/incident/view.py" line="89"/>
        <source>Next SLA deadline</source>
        <translation>Prochaine échéance SLA</translation>
    </message>
    <message>
        <location filename="../../ui/incident/view.py" line="81"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../../ui/incident/view.py" line="95"/>
        <source>TTR decision</source>
        <translation>Décision TTR</translation>
    </message>
    <message>
        <location filename="../../ui/incident/view.py" line="112"/>
        <source>Timeline and notes</source>
        <translation>Historique et notes</translation>
    </message>
    <message>
        <location filename="../../ui/incident/view.py" line="113"/>
        <source>Acts</source>
        <translation>Actes</translation>
    </message>
    <message>
        <location filename="../../ui/incident/view.py" line="116"/>
        <source>Photos and receipts</source>
        <translation>Photos et reçus</translation>
    </message>
    <message>
        <location filename="../../ui/incident/view.py" line="206"/>
        <source>{number} · {priority} · {status}</source>
        <translation>{number} · {priority} · {status}</translation>
    </message>
    <message>
        <location filename="../../ui/incident/view.py" line="217"/>
        <source>Table {table} ({game})</source>
        <translation>Table {table} ({game})</translation>
    </message>
    <message>
        <location filename="../../ui/incident/view.py" line="220"/>
        <source>Guest: {name} ({tier})</source>
        <translation>Client : {name} ({tier})</translation>
    </message>
    <message>
        <location filename="../../ui/incident/view.py" line="224"/>
        <source>Level {level}: {who}</source>
        <translation>Niveau {level} : {who}</translation>
    </message>
    <message>
        <location filename="../../ui/incident/view.py" line="237"/>
        <source>Photos and receipts ({n})</source>
        <translation>Photos et reçus ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/incident/view.py" line="318"/>
        <source>Escalated from the floor by {staff}</source>
        <translation>Escaladé depuis la salle par {staff}</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../ui/sign_in/keypad.py" line="48"/>
        <source>Delete the last character</source>
        <translation>Effacer le dernier caractère</translation>
    </message>
</context>
<context>
    <name>KioskExitDialog</name>
    <message>
        <location filename="../../ui/kiosk/exit_dialog.py" line="32"/>
        <location filename="../../ui/kiosk/exit_dialog.py" line="49"/>
        <source>Leave kiosk mode</source>
        <translation>Quitter le mode kiosque</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/exit_dialog.py" line="35"/>
        <source>IT PIN to leave kiosk mode</source>
        <translation>Code informatique pour quitter le mode kiosque</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/exit_dialog.py" line="42"/>
        <source>IT PIN</source>
        <translation>Code informatique</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/exit_dialog.py" line="53"/>
        <source>Stay</source>
        <translation>Rester</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/exit_dialog.py" line="81"/>
        <source>Too many wrong PINs: try again after {time}.</source>
        <translation>Trop de codes erronés : réessayez après {time}.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/exit_dialog.py" line="84"/>
        <source>Wrong IT PIN. The attempt was logged.</source>
        <translation>Code informatique erroné. La tentative a été journalisée.</translation>
    </message>
</context>
<context>
    <name>KioskFiles</name>
    <message>
        <location filename="../../ui/kiosk/file_dialogs.py" line="113"/>
        <source>On this tablet, only the folder {folder} can be used.</source>
        <translation>Sur cette tablette, seul le dossier {folder} peut être utilisé.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/file_dialogs.py" line="159"/>
        <source>No folder is set for this on this tablet. Ask IT to set {setting} in the device&apos;s settings.</source>
        <translation>Aucun dossier n’est défini pour cela sur cette tablette. Demandez à l’informatique de renseigner {setting} dans les réglages de l’appareil.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/file_dialogs.py" line="165"/>
        <source>The folder {folder} is not there. Insert the USB drive, or ask IT.</source>
        <translation>Le dossier {folder} est introuvable. Insérez la clé USB ou prévenez l’informatique.</translation>
    </message>
</context>
<context>
    <name>KpiDashboard</name>
    <message>
        <location filename="../../ui/kpis/dashboard.py" line="70"/>
        <source>Key performance indicators</source>
        <translation>Indicateurs clés de performance</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/dashboard.py" line="73"/>
        <source>Reading the figures…</source>
        <translation>Lecture des chiffres…</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/dashboard.py" line="80"/>
        <location filename="../../ui/kpis/dashboard.py" line="100"/>
        <source>Backlog by age</source>
        <translation>Arriéré par ancienneté</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/dashboard.py" line="83"/>
        <location filename="../../ui/kpis/dashboard.py" line="87"/>
        <source>SLA attainment by priority and tier</source>
        <translation>Respect des SLA par priorité et par niveau</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/dashboard.py" line="138"/>
        <source>KPI</source>
        <translation>Indicateur</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/dashboard.py" line="139"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/dashboard.py" line="140"/>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/dashboard.py" line="163"/>
        <source>Mean time from the opening</source>
        <translation>Délai moyen depuis l&apos;ouverture</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/dashboard.py" line="201"/>
        <source>{mean} (over {n})</source>
        <translation>{mean} (sur {n})</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/dashboard.py" line="207"/>
        <source>Guests not asked for their satisfaction: {n}</source>
        <translation>Clients non interrogés sur leur satisfaction : {n}</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/dashboard.py" line="225"/>
        <source>SLA attainment by priority and tier ({target})</source>
        <translation>Respect des SLA par priorité et par niveau ({target})</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/dashboard.py" line="282"/>
        <source>P1 opened: {p1} · no trigger incident</source>
        <translation>P1 ouverts : {p1} · aucun incident déclencheur</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/dashboard.py" line="285"/>
        <source>P1 opened: {p1} · triggers: {triggers}</source>
        <translation>P1 ouverts : {p1} · déclencheurs : {triggers}</translation>
    </message>
</context>
<context>
    <name>KpiStrip</name>
    <message>
        <location filename="../../ui/kpis/strip.py" line="59"/>
        <source>Key figures</source>
        <translation>Chiffres clés</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/strip.py" line="62"/>
        <source>SLA attainment</source>
        <translation>Respect des SLA</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/strip.py" line="64"/>
        <source>Open now (queue)</source>
        <translation>Ouverts (file)</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/strip.py" line="67"/>
        <source>P1 and triggers, 24 h</source>
        <translation>P1 et déclencheurs, 24 h</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/strip.py" line="77"/>
        <source>All KPIs</source>
        <translation>Tous les indicateurs</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/strip.py" line="87"/>
        <source>SLA attainment · {target}</source>
        <translation>Respect des SLA · {target}</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/strip.py" line="95"/>
        <source>{open} open · {aged} over 4 h</source>
        <translation>{open} ouverts · {aged} de plus de 4 h</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/strip.py" line="100"/>
        <source>{p1} P1 · {triggers} triggers</source>
        <translation>{p1} P1 · {triggers} déclencheurs</translation>
    </message>
</context>
<context>
    <name>Locale</name>
    <message>
        <location filename="../../ui/locale_format.py" line="35"/>
        <source>en_AU</source>
        <comment>The locale of this translation (language_COUNTRY, as in the file name): dates and times in messages are written its way.</comment>
        <translation>fr_FR</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="110"/>
        <source>Enter your PIN to continue, or another staff id and PIN to switch user.</source>
        <translation>Saisissez votre code PIN pour continuer, ou un autre identifiant et code PIN pour changer d&apos;utilisateur.</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="107"/>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="51"/>
        <location filename="../../ui/session/lock_screen.py" line="108"/>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="86"/>
        <source>Switch user</source>
        <translation>Changer d&apos;utilisateur</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="90"/>
        <source>Locked — {name}</source>
        <translation>Verrouillé — {name}</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="97"/>
        <source>Open: {open}   ·   SLA breached: {breached}   ·   P1: {p1}</source>
        <translation>Ouverts : {open}   ·   SLA dépassé : {breached}   ·   P1 : {p1}</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="122"/>
        <source>Confirm sign-out</source>
        <translation>Confirmer la déconnexion</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="124"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="126"/>
        <source>To sign {name} out: their PIN, or a supervisor&apos;s staff id and PIN.</source>
        <translation>Pour déconnecter {name} : son code PIN, ou l&apos;identifiant et le code PIN d&apos;un superviseur.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="76"/>
        <location filename="../../ui/main_window.py" line="200"/>
        <source>VIP Host Console</source>
        <translation>Console des hôtes VIP</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="105"/>
        <location filename="../../ui/main_window.py" line="201"/>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="245"/>
        <source>Signed in: {name} ({staff}) · role: {role} · device: {device}</source>
        <translation>Connecté : {name} ({staff}) · rôle : {role} · poste : {device}</translation>
    </message>
</context>
<context>
    <name>MyGuestsModel</name>
    <message>
        <location filename="../../ui/host/my_guests.py" line="22"/>
        <source>Guest</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../ui/host/my_guests.py" line="48"/>
        <source>{count} open · {priority}</source>
        <translation>{count} ouvert(s) · {priority}</translation>
    </message>
</context>
<context>
    <name>NavigationRail</name>
    <message>
        <location filename="../../ui/shell/rail.py" line="46"/>
        <source>Help</source>
        <translation>Aide</translation>
    </message>
    <message>
        <location filename="../../ui/shell/rail.py" line="47"/>
        <source>Switch user</source>
        <translation>Changer d&apos;employé</translation>
    </message>
    <message>
        <location filename="../../ui/shell/rail.py" line="48"/>
        <source>Lock</source>
        <translation>Verrouiller</translation>
    </message>
    <message>
        <location filename="../../ui/shell/rail.py" line="62"/>
        <source>{text} ({shortcut})</source>
        <translation>{text} ({shortcut})</translation>
    </message>
</context>
<context>
    <name>PagingBar</name>
    <message>
        <location filename="../../ui/guest/paging_bar.py" line="49"/>
        <source>Page guest</source>
        <translation>Appeler le client</translation>
    </message>
    <message>
        <location filename="../../ui/guest/paging_bar.py" line="51"/>
        <source>Announce</source>
        <translation>Annoncer</translation>
    </message>
    <message>
        <location filename="../../ui/guest/paging_bar.py" line="117"/>
        <source>Paging request recorded.</source>
        <translation>Demande d&apos;appel enregistrée.</translation>
    </message>
    <message>
        <location filename="../../ui/guest/paging_bar.py" line="119"/>
        <source>Announcement request recorded.</source>
        <translation>Demande d&apos;annonce enregistrée.</translation>
    </message>
</context>
<context>
    <name>PreferencesEditor</name>
    <message>
        <location filename="../../ui/host/preferences_editor.py" line="32"/>
        <source>Drinks</source>
        <translation>Boissons</translation>
    </message>
    <message>
        <location filename="../../ui/host/preferences_editor.py" line="33"/>
        <source>Meals</source>
        <translation>Repas</translation>
    </message>
    <message>
        <location filename="../../ui/host/preferences_editor.py" line="34"/>
        <source>Rooms</source>
        <translation>Chambres</translation>
    </message>
    <message>
        <location filename="../../ui/host/preferences_editor.py" line="35"/>
        <source>Tables / games</source>
        <translation>Tables / jeux</translation>
    </message>
    <message>
        <location filename="../../ui/host/preferences_editor.py" line="36"/>
        <source>Communication</source>
        <translation>Communication</translation>
    </message>
    <message>
        <location filename="../../ui/host/preferences_editor.py" line="37"/>
        <source>Transfers</source>
        <translation>Transferts</translation>
    </message>
    <message>
        <location filename="../../ui/host/preferences_editor.py" line="45"/>
        <source>One entry per line. Never write a payment card number.</source>
        <translation>Une entrée par ligne. N&apos;écrivez jamais un numéro de carte de paiement.</translation>
    </message>
    <message>
        <location filename="../../ui/host/preferences_editor.py" line="66"/>
        <source>Save preferences</source>
        <translation>Enregistrer les préférences</translation>
    </message>
    <message>
        <location filename="../../ui/host/preferences_editor.py" line="106"/>
        <source>Preferences saved; they reach the helpdesk with the sync.</source>
        <translation>Préférences enregistrées ; elles parviendront au helpdesk avec la synchronisation.</translation>
    </message>
    <message>
        <location filename="../../ui/host/preferences_editor.py" line="113"/>
        <source>Only the guest&apos;s host (or a covering host) may edit.</source>
        <translation>Seul l&apos;hôte du client (ou un hôte remplaçant) peut les modifier.</translation>
    </message>
</context>
<context>
    <name>PrintCopy</name>
    <message>
        <location filename="../../ui/acts/print_copy.py" line="202"/>
        <source>Print the guest&apos;s copy</source>
        <translation>Imprimer l&apos;exemplaire du client</translation>
    </message>
</context>
<context>
    <name>ProvisioningScreen</name>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="89"/>
        <source>A device id is 1 to 64 letters, digits, &apos;-&apos;, &apos;_&apos;, &apos;.&apos; or &apos;:&apos;.</source>
        <translation>Un identifiant d&apos;appareil compte de 1 à 64 lettres, chiffres, « - », « _ », « . » ou « : ».</translation>
    </message>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="93"/>
        <source>Type the enrolment code IT gave you for this tablet.</source>
        <translation>Saisissez le code d&apos;enrôlement que l&apos;informatique vous a remis pour cette tablette.</translation>
    </message>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="97"/>
        <source>The helpdesk is older than this console: it must be updated before tablets can enrol.</source>
        <translation>Le helpdesk est plus ancien que cette console : il doit être mis à jour avant que les tablettes puissent s&apos;enrôler.</translation>
    </message>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="81"/>
        <source>The helpdesk refused this code: ask IT for a new one.</source>
        <translation>Le helpdesk a refusé ce code : demandez-en un nouveau à l&apos;informatique.</translation>
    </message>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="104"/>
        <source>The helpdesk at {url} cannot be reached: check the network and try again.</source>
        <translation>Le helpdesk ({url}) est injoignable : vérifiez le réseau et réessayez.</translation>
    </message>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="109"/>
        <source>The helpdesk&apos;s answer was not understood: {error}</source>
        <translation>La réponse du helpdesk n&apos;a pas été comprise : {error}</translation>
    </message>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="113"/>
        <source>The helpdesk could not enrol this tablet now: {error}</source>
        <translation>Le helpdesk n&apos;a pas pu enrôler cette tablette pour l&apos;instant : {error}</translation>
    </message>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="138"/>
        <source>Provision this tablet</source>
        <translation>Mise en service de la tablette</translation>
    </message>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="140"/>
        <source>Provision again</source>
        <translation>Nouvelle mise en service</translation>
    </message>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="145"/>
        <source>The helpdesk no longer accepts this tablet (it was revoked).</source>
        <translation>Le helpdesk n&apos;accepte plus cette tablette (elle a été révoquée).</translation>
    </message>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="149"/>
        <source>This tablet is not yet enrolled with the helpdesk.</source>
        <translation>Cette tablette n&apos;est pas encore enrôlée auprès du helpdesk.</translation>
    </message>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="155"/>
        <source>IT: enter its device id and the enrolment code from &apos;vip-console helpdesk device add&apos;, or scan the code&apos;s QR code.</source>
        <translation>Informatique : saisissez son identifiant d&apos;appareil et le code d&apos;enrôlement donné par « vip-console helpdesk device add », ou scannez son QR code.</translation>
    </message>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="164"/>
        <source>Helpdesk: {url}</source>
        <translation>Helpdesk : {url}</translation>
    </message>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="181"/>
        <source>Device id</source>
        <translation>Identifiant d&apos;appareil</translation>
    </message>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="183"/>
        <source>Enrolment code</source>
        <translation>Code d&apos;enrôlement</translation>
    </message>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="204"/>
        <source>Enrol this tablet</source>
        <translation>Enrôler la tablette</translation>
    </message>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="43"/>
        <source>This code was used already: ask IT for a new one.</source>
        <translation>Ce code a déjà servi : demandez-en un nouveau à l&apos;informatique.</translation>
    </message>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="49"/>
        <source>This code has expired: ask IT for a new one.</source>
        <translation>Ce code a expiré : demandez-en un nouveau à l&apos;informatique.</translation>
    </message>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="55"/>
        <source>This code was issued for another device id: check the device id.</source>
        <translation>Ce code a été émis pour un autre identifiant d&apos;appareil : vérifiez l&apos;identifiant.</translation>
    </message>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="62"/>
        <source>This device id is in use on another tablet: IT must revoke it first.</source>
        <translation>Cet identifiant d&apos;appareil est utilisé sur une autre tablette : l&apos;informatique doit d&apos;abord le révoquer.</translation>
    </message>
    <message>
        <location filename="../../ui/provisioning/screen.py" line="69"/>
        <source>The helpdesk did not issue this code for this device id.</source>
        <translation>Le helpdesk n&apos;a pas émis ce code pour cet identifiant d&apos;appareil.</translation>
    </message>
</context>
<context>
    <name>RecoveryPanel</name>
    <message>
        <location filename="../../ui/recovery/panel.py" line="65"/>
        <source>Choose an open incident.</source>
        <translation>Choisissez un incident ouvert.</translation>
    </message>
    <message>
        <location filename="../../ui/recovery/panel.py" line="73"/>
        <source>Offers</source>
        <translation>Offres</translation>
    </message>
    <message>
        <location filename="../../ui/recovery/panel.py" line="85"/>
        <source>Note for the act (optional)</source>
        <translation>Note pour l&apos;acte (facultatif)</translation>
    </message>
    <message>
        <location filename="../../ui/recovery/panel.py" line="88"/>
        <source>Record promise</source>
        <translation>Enregistrer la promesse</translation>
    </message>
    <message>
        <location filename="../../ui/recovery/panel.py" line="116"/>
        <source>No open incident for this guest.</source>
        <translation>Aucun incident ouvert pour ce client.</translation>
    </message>
    <message>
        <location filename="../../ui/recovery/panel.py" line="171"/>
        <source>No recovery event for this incident yet (within its SLA).</source>
        <translation>Pas encore de geste dû pour cet incident (dans les délais SLA).</translation>
    </message>
    <message>
        <location filename="../../ui/recovery/panel.py" line="175"/>
        <source>Recovery due: {events}</source>
        <translation>Geste dû : {events}</translation>
    </message>
    <message>
        <location filename="../../ui/recovery/panel.py" line="186"/>
        <source>Not offered: {items}. {reason}</source>
        <translation>Non proposé : {items}. {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/recovery/panel.py" line="98"/>
        <source>Promise recorded on the incident and its act.</source>
        <translation>Promesse enregistrée sur l&apos;incident et son acte.</translation>
    </message>
</context>
<context>
    <name>ReportForm</name>
    <message>
        <location filename="../../ui/acts/report_form.py" line="48"/>
        <source>Root cause</source>
        <translation>Cause première</translation>
    </message>
    <message>
        <location filename="../../ui/acts/report_form.py" line="49"/>
        <source>Impact</source>
        <translation>Impact</translation>
    </message>
    <message>
        <location filename="../../ui/acts/report_form.py" line="50"/>
        <source>Measure</source>
        <translation>Mesure</translation>
    </message>
    <message>
        <location filename="../../ui/acts/report_form.py" line="51"/>
        <source>Staff signature</source>
        <translation>Signature du personnel</translation>
    </message>
    <message>
        <location filename="../../ui/acts/report_form.py" line="55"/>
        <source>Why it happened</source>
        <translation>Pourquoi c&apos;est arrivé</translation>
    </message>
    <message>
        <location filename="../../ui/acts/report_form.py" line="58"/>
        <source>Who and what it affected (optional)</source>
        <translation>Qui et quoi ont été touchés (facultatif)</translation>
    </message>
    <message>
        <location filename="../../ui/acts/report_form.py" line="61"/>
        <source>What is done so it does not happen again</source>
        <translation>Ce qui est fait pour que cela ne se reproduise pas</translation>
    </message>
    <message>
        <location filename="../../ui/acts/report_form.py" line="71"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../../ui/acts/report_form.py" line="75"/>
        <source>Sign report</source>
        <translation>Signer le rapport</translation>
    </message>
    <message>
        <location filename="../../ui/acts/report_form.py" line="87"/>
        <source>Measures, one a line</source>
        <translation>Mesures, une par ligne</translation>
    </message>
</context>
<context>
    <name>ReportReminderBanner</name>
    <message>
        <location filename="../../ui/acts/report_reminder.py" line="69"/>
        <source>Write report</source>
        <translation>Rédiger le rapport</translation>
    </message>
    <message>
        <location filename="../../ui/acts/report_reminder.py" line="87"/>
        <source>overdue: {time}</source>
        <translation>en retard : {time}</translation>
    </message>
    <message>
        <location filename="../../ui/acts/report_reminder.py" line="89"/>
        <source>due in {time}</source>
        <translation>à rendre dans {time}</translation>
    </message>
    <message>
        <location filename="../../ui/acts/report_reminder.py" line="93"/>
        <source>Post-incident reports due: {due} ({overdue} overdue). Next: {priority} {ticket}, {when}.</source>
        <translation>Rapports post-incident à rendre : {due} ({overdue} en retard). Prochain : {priority} {ticket}, {when}.</translation>
    </message>
    <message>
        <location filename="../../ui/acts/report_reminder.py" line="104"/>
        <source>Reports due: {due} ({overdue} overdue)</source>
        <translation>Rapports à rendre : {due} ({overdue} en retard)</translation>
    </message>
    <message>
        <location filename="../../ui/acts/report_reminder.py" line="106"/>
        <source>Reports due: {due}</source>
        <translation>Rapports à rendre : {due}</translation>
    </message>
</context>
<context>
    <name>RequestForm</name>
    <message>
        <location filename="../../ui/desk/request_form.py" line="44"/>
        <source>Open a request</source>
        <translation>Ouvrir une demande</translation>
    </message>
    <message>
        <location filename="../../ui/desk/request_form.py" line="58"/>
        <source>VIP desk</source>
        <translation>Accueil VIP</translation>
    </message>
    <message>
        <location filename="../../ui/desk/request_form.py" line="82"/>
        <source>What the guest asks for</source>
        <translation>Ce que demande le client</translation>
    </message>
    <message>
        <location filename="../../ui/desk/request_form.py" line="83"/>
        <source>Desired outcome (optional)</source>
        <translation>Résultat souhaité (facultatif)</translation>
    </message>
    <message>
        <location filename="../../ui/desk/request_form.py" line="73"/>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <location filename="../../ui/desk/request_form.py" line="93"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location filename="../../ui/desk/request_form.py" line="75"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../ui/desk/request_form.py" line="66"/>
        <source>Location</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location filename="../../ui/desk/request_form.py" line="67"/>
        <source>Request</source>
        <translation>Demande</translation>
    </message>
    <message>
        <location filename="../../ui/desk/request_form.py" line="68"/>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location filename="../../ui/desk/request_form.py" line="97"/>
        <source>Open and route to the host</source>
        <translation>Ouvrir et transmettre à l&apos;hôte</translation>
    </message>
    <message>
        <location filename="../../ui/desk/request_form.py" line="117"/>
        <source>Open a request for {guest}</source>
        <translation>Ouvrir une demande pour {guest}</translation>
    </message>
</context>
<context>
    <name>Satisfaction</name>
    <message>
        <location filename="../../ui/incident/satisfaction.py" line="41"/>
        <source>Very unhappy</source>
        <translation>Très mécontent</translation>
    </message>
    <message>
        <location filename="../../ui/incident/satisfaction.py" line="42"/>
        <source>Unhappy</source>
        <translation>Mécontent</translation>
    </message>
    <message>
        <location filename="../../ui/incident/satisfaction.py" line="43"/>
        <source>Neither</source>
        <translation>Sans avis</translation>
    </message>
    <message>
        <location filename="../../ui/incident/satisfaction.py" line="44"/>
        <source>Happy</source>
        <translation>Satisfait</translation>
    </message>
    <message>
        <location filename="../../ui/incident/satisfaction.py" line="45"/>
        <source>Very happy</source>
        <translation>Très satisfait</translation>
    </message>
    <message>
        <location filename="../../ui/incident/satisfaction.py" line="46"/>
        <source>Not asked</source>
        <translation>Non interrogé</translation>
    </message>
</context>
<context>
    <name>SatisfactionDialog</name>
    <message>
        <location filename="../../ui/incident/satisfaction.py" line="89"/>
        <source>Guest satisfaction</source>
        <translation>Satisfaction du client</translation>
    </message>
    <message>
        <location filename="../../ui/incident/satisfaction.py" line="91"/>
        <source>How did we do today?</source>
        <translation>Êtes-vous satisfait de notre service aujourd&apos;hui ?</translation>
    </message>
    <message>
        <location filename="../../ui/incident/satisfaction.py" line="98"/>
        <source>One tap. Thank you.</source>
        <translation>Une touche. Merci.</translation>
    </message>
    <message>
        <location filename="../../ui/incident/satisfaction.py" line="115"/>
        <source>Staff: incident {ticket}</source>
        <translation>Personnel : incident {ticket}</translation>
    </message>
</context>
<context>
    <name>SearchRows</name>
    <message>
        <location filename="../../ui/guest/search_rows.py" line="53"/>
        <source>name matches</source>
        <translation>nom correspondant</translation>
    </message>
    <message>
        <location filename="../../ui/guest/search_rows.py" line="54"/>
        <source>room matches</source>
        <translation>chambre correspondante</translation>
    </message>
    <message>
        <location filename="../../ui/guest/search_rows.py" line="55"/>
        <source>phone number matches</source>
        <translation>numéro de téléphone correspondant</translation>
    </message>
    <message>
        <location filename="../../ui/guest/search_rows.py" line="56"/>
        <source>card number matches</source>
        <translation>numéro de carte correspondant</translation>
    </message>
    <message>
        <location filename="../../ui/guest/search_rows.py" line="70"/>
        <source>Room {room}</source>
        <translation>Chambre {room}</translation>
    </message>
    <message>
        <location filename="../../ui/guest/search_rows.py" line="74"/>
        <source>Host: {name}</source>
        <translation>Hôte : {name}</translation>
    </message>
    <message>
        <location filename="../../ui/guest/search_rows.py" line="78"/>
        <source>Last visit: {date}</source>
        <translation>Dernière visite : {date}</translation>
    </message>
    <message>
        <location filename="../../ui/guest/search_rows.py" line="83"/>
        <source>No visit on file</source>
        <translation>Aucune visite enregistrée</translation>
    </message>
</context>
<context>
    <name>SignInPlurals</name>
    <message numerus="yes">
        <location filename="../../ui/sign_in/pad.py" line="51"/>
        <source>Wrong staff id or PIN. %n attempt(s) left.</source>
        <translation>
            <numerusform>Identifiant ou code PIN incorrect. %n essai restant.</numerusform>
            <numerusform>Identifiant ou code PIN incorrect. %n essais restants.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sign_in/pad.py" line="54"/>
        <source>Authenticator code not accepted. %n attempt(s) left.</source>
        <translation>
            <numerusform>Code de l&apos;authentificateur refusé. %n essai restant.</numerusform>
            <numerusform>Code de l&apos;authentificateur refusé. %n essais restants.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../ui/sign_in/screen.py" line="47"/>
        <source>VIP Host Console</source>
        <translation>Console des hôtes VIP</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/screen.py" line="50"/>
        <source>Sign in with your staff id and PIN</source>
        <translation>Connectez-vous avec votre identifiant et votre code PIN</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/screen.py" line="128"/>
        <source>Demo property — staff {staff}; PIN {pin}</source>
        <translation>Établissement de démonstration — identifiants {staff} ; code PIN {pin}</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/pad.py" line="67"/>
        <location filename="../../ui/sign_in/pad.py" line="68"/>
        <source>Staff id</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/pad.py" line="72"/>
        <location filename="../../ui/sign_in/pad.py" line="73"/>
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/pad.py" line="85"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/pad.py" line="87"/>
        <source>Authenticator code</source>
        <translation>Code de l’authentificateur</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/pad.py" line="108"/>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/keypad.py" line="43"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/pad.py" line="170"/>
        <source>Enter your staff id.</source>
        <translation>Saisissez votre identifiant.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/pad.py" line="174"/>
        <source>Enter your PIN.</source>
        <translation>Saisissez votre code PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/pad.py" line="229"/>
        <source>Enter the code from your authenticator app.</source>
        <translation>Saisissez le code de votre application d’authentification.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/pad.py" line="235"/>
        <source>Wrong staff id or PIN.</source>
        <translation>Identifiant ou code PIN incorrect.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/pad.py" line="237"/>
        <source>Wrong staff id or PIN. No attempts left.</source>
        <translation>Identifiant ou code PIN incorrect. Plus aucun essai.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/pad.py" line="244"/>
        <source>This account is locked. Ask a supervisor to unlock it.</source>
        <translation>Ce compte est verrouillé. Demandez à un responsable de le déverrouiller.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/pad.py" line="247"/>
        <source>Too many wrong PINs: this account is locked until {time}.</source>
        <translation>Trop de codes PIN erronés : ce compte est bloqué jusqu&apos;à {time}.</translation>
    </message>
</context>
<context>
    <name>SignOffBanner</name>
    <message>
        <location filename="../../ui/acts/sign_off_banner.py" line="37"/>
        <source>Sign off</source>
        <translation>Viser</translation>
    </message>
    <message>
        <location filename="../../ui/acts/sign_off_banner.py" line="61"/>
        <source>Post-incident reports to sign off: {count}. Next: {priority} {ticket}, report {report}.</source>
        <translation>Rapports post-incident à viser : {count}. Suivant : {priority} {ticket}, rapport {report}.</translation>
    </message>
    <message>
        <location filename="../../ui/acts/sign_off_banner.py" line="70"/>
        <source>To sign off: {count}</source>
        <translation>À viser : {count}</translation>
    </message>
</context>
<context>
    <name>SignOffForm</name>
    <message>
        <location filename="../../ui/acts/sign_off_form.py" line="48"/>
        <source>Review</source>
        <translation>Relecture</translation>
    </message>
    <message>
        <location filename="../../ui/acts/sign_off_form.py" line="49"/>
        <source>Duty manager&apos;s signature</source>
        <translation>Signature du responsable de service</translation>
    </message>
    <message>
        <location filename="../../ui/acts/sign_off_form.py" line="52"/>
        <source>Report {number}, signed {when}</source>
        <translation>Rapport {number}, signé {when}</translation>
    </message>
    <message>
        <location filename="../../ui/acts/sign_off_form.py" line="58"/>
        <source>View report</source>
        <translation>Voir le rapport</translation>
    </message>
    <message>
        <location filename="../../ui/acts/sign_off_form.py" line="65"/>
        <source>Is the root cause right, are the measures enough? In your words.</source>
        <translation>La cause est-elle juste, les mesures suffisent-elles ? Avec vos mots.</translation>
    </message>
    <message>
        <location filename="../../ui/acts/sign_off_form.py" line="71"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../../ui/acts/sign_off_form.py" line="75"/>
        <source>Sign off</source>
        <translation>Viser</translation>
    </message>
    <message>
        <location filename="../../ui/acts/sign_off_form.py" line="82"/>
        <source>Post-incident report</source>
        <translation>Rapport post-incident</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../ui/acts/signature_pad.py" line="71"/>
        <source>Signature pad</source>
        <translation>Zone de signature</translation>
    </message>
    <message>
        <location filename="../../ui/acts/signature_pad.py" line="76"/>
        <source>Sign here</source>
        <translation>Signez ici</translation>
    </message>
</context>
<context>
    <name>SyncReviewDialog</name>
    <message>
        <location filename="../../ui/sync/review_text.py" line="26"/>
        <source>New incident</source>
        <translation>Nouvel incident</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="27"/>
        <source>Change of {fields}</source>
        <translation>Modification de {fields}</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="30"/>
        <source>Timeline entry ({kind})</source>
        <translation>Entrée de l&apos;historique ({kind})</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="33"/>
        <source>Signed document</source>
        <translation>Document signé</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="36"/>
        <source>New walk-in</source>
        <translation>Nouveau client sans réservation</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="37"/>
        <source>Guest preferences</source>
        <translation>Préférences du client</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="38"/>
        <source>Audit checkpoint</source>
        <translation>Point de contrôle d&apos;audit</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="42"/>
        <source>A change this console cannot send</source>
        <translation>Une modification que cette console ne sait pas envoyer</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="70"/>
        <source>This console could not send it</source>
        <translation>Cette console n&apos;a pas pu l&apos;envoyer</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="71"/>
        <source>The helpdesk found it invalid</source>
        <translation>Non valide pour le helpdesk</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="75"/>
        <source>The helpdesk did not recognise this tablet</source>
        <translation>Le helpdesk n&apos;a pas reconnu cette tablette</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="78"/>
        <source>The helpdesk does not allow it for this staff member</source>
        <translation>Le helpdesk ne l&apos;autorise pas pour ce membre du personnel</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="81"/>
        <source>The helpdesk does not have this record</source>
        <translation>Le helpdesk n&apos;a pas cet enregistrement</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="84"/>
        <source>The helpdesk holds a different version</source>
        <translation>Le helpdesk a une autre version</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="87"/>
        <source>Too large for the helpdesk</source>
        <translation>Trop volumineux pour le helpdesk</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="89"/>
        <source>Refused by the helpdesk</source>
        <translation>Refus du helpdesk</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="98"/>
        <source>incident</source>
        <translation>incident</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="99"/>
        <source>timeline entry</source>
        <translation>entrée de l&apos;historique</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="100"/>
        <source>guest record</source>
        <translation>fiche client</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="101"/>
        <source>staff record</source>
        <translation>fiche du personnel</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="102"/>
        <source>gaming table</source>
        <translation>table de jeu</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="113"/>
        <source>Walk-in “{local}” registered here: the helpdesk gives this card to “{theirs}”. Incidents now naming them: {count}.</source>
        <translation>Client sans réservation « {local} » enregistré ici : le helpdesk attribue cette carte à « {theirs} ». Incidents qui le désignent désormais : {count}.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="124"/>
        <source>A {what} from the helpdesk breaks the contract: kept aside until a correct one arrives.</source>
        <translation>Un enregistrement ({what}) venu du helpdesk ne respecte pas le contrat : mis de côté jusqu&apos;à l&apos;arrivée d&apos;une version correcte.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="129"/>
        <source>A {what} from the helpdesk could not be stored here: tried again at each sync.</source>
        <translation>Un enregistrement ({what}) venu du helpdesk n&apos;a pas pu être stocké ici : nouvel essai à chaque synchronisation.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review_text.py" line="133"/>
        <source>A timeline entry waits for its incident to arrive.</source>
        <translation>Une entrée de l&apos;historique attend l&apos;arrivée de son incident.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review.py" line="102"/>
        <source>Changes to review</source>
        <translation>Modifications à examiner</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review.py" line="107"/>
        <source>Refused at</source>
        <translation>Refusé le</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review.py" line="107"/>
        <source>Change</source>
        <translation>Modification</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review.py" line="107"/>
        <source>Record</source>
        <translation>Fiche</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review.py" line="110"/>
        <source>Incident</source>
        <translation>Incident</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review.py" line="120"/>
        <source>Understood</source>
        <translation>Compris</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review.py" line="162"/>
        <source>Refused ({n})</source>
        <translation>Refusées ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review.py" line="163"/>
        <source>Changed on both sides ({n})</source>
        <translation>Modifiées des deux côtés ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review.py" line="164"/>
        <source>Set aside ({n})</source>
        <translation>Mises de côté ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review.py" line="236"/>
        <source>Discard this change for good?</source>
        <translation>Abandonner définitivement cette modification ?</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review.py" line="107"/>
        <source>Why</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review.py" line="110"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review.py" line="110"/>
        <source>Yours</source>
        <translation>La vôtre</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review.py" line="110"/>
        <source>Helpdesk</source>
        <translation>Helpdesk</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review.py" line="112"/>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review.py" line="112"/>
        <source>What happened</source>
        <translation>Ce qui s&apos;est passé</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review.py" line="116"/>
        <source>Send again</source>
        <translation>Renvoyer</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review.py" line="117"/>
        <location filename="../../ui/sync/review.py" line="238"/>
        <source>Discard</source>
        <translation>Abandonner</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review.py" line="118"/>
        <source>Keep yours</source>
        <translation>Garder la vôtre</translation>
    </message>
    <message>
        <location filename="../../ui/sync/review.py" line="119"/>
        <source>Keep the helpdesk&apos;s</source>
        <translation>Garder celle du helpdesk</translation>
    </message>
</context>
<context>
    <name>SyncStatusBanner</name>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="33"/>
        <source>{n} change(s) waiting</source>
        <translation>{n} modification(s) en attente</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="35"/>
        <source>last sync {time}</source>
        <translation>dernière synchronisation à {time}</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="39"/>
        <source>Offline mode: no helpdesk</source>
        <translation>Mode hors ligne : pas de helpdesk</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="40"/>
        <source>{waiting} on this device</source>
        <translation>{waiting} sur cet appareil</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="44"/>
        <source>Offline since {time}</source>
        <translation>Hors ligne depuis {time}</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="49"/>
        <source>Connecting to the helpdesk…</source>
        <translation>Connexion au helpdesk…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="52"/>
        <source>Sending</source>
        <translation>Envoi en cours</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="55"/>
        <source>live</source>
        <translation>en direct</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="57"/>
        <source>polling</source>
        <translation>interrogation périodique</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="59"/>
        <source>Synced</source>
        <translation>Synchronisé</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="62"/>
        <source>It is older than this console · {waiting}</source>
        <translation>Il est plus ancien que cette console · {waiting}</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="67"/>
        <source>Changes from the helpdesk not received: tell IT if it lasts.</source>
        <translation>Modifications du helpdesk non reçues : prévenez l&apos;informatique si cela dure.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="71"/>
        <source>Not up to date</source>
        <translation>Pas à jour</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="107"/>
        <source>{n} refused</source>
        <translation>{n} refusée(s)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="110"/>
        <source>{n} to settle</source>
        <translation>{n} à régler</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="113"/>
        <source>{n} set aside</source>
        <translation>{n} mise(s) de côté</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="117"/>
        <source>Review: {what}</source>
        <translation>Examiner : {what}</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="81"/>
        <source>Ask IT for an enrolment code for this tablet and restart the console; changes wait on this device.</source>
        <translation>Demandez à l&apos;informatique un code d&apos;enrôlement pour cette tablette et redémarrez la console ; les modifications attendent sur cet appareil.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="87"/>
        <source>This tablet must be provisioned again</source>
        <translation>Cette tablette doit être remise en service</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="91"/>
        <source>The helpdesk refused the enrolment code</source>
        <translation>Le helpdesk a refusé le code d&apos;enrôlement</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="61"/>
        <source>Update the helpdesk</source>
        <translation>Mettez à jour le helpdesk</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status_banner.py" line="100"/>
        <source>This tablet is not provisioned</source>
        <translation>Cette tablette n&apos;est pas mise en service</translation>
    </message>
</context>
<context>
    <name>TtrPrompt</name>
    <message>
        <location filename="../../ui/compliance/ttr_prompt.py" line="66"/>
        <source>Threshold transaction report</source>
        <translation>Déclaration de transaction au seuil</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/ttr_prompt.py" line="71"/>
        <source>an amount that cannot be read</source>
        <translation>un montant illisible</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/ttr_prompt.py" line="75"/>
        <source>This incident involves {money}. If it was cash, a threshold transaction report (TTR) is required: record what happens to it.</source>
        <translation>Cet incident porte sur {money}. S’il s’agit d’espèces, une déclaration de transaction au seuil (TTR) est obligatoire : indiquez ce qu’il en advient.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/ttr_prompt.py" line="81"/>
        <source>TTR reference</source>
        <translation>Référence TTR</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/ttr_prompt.py" line="84"/>
        <source>Cage or AML team reference (if lodged)</source>
        <translation>Référence de la caisse ou de l’équipe LBC (si déposée)</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/ttr_prompt.py" line="95"/>
        <source>Cash: refer to the AML team</source>
        <translation>Espèces : transmettre à l’équipe LBC</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/ttr_prompt.py" line="96"/>
        <source>Cash: the cage has lodged it</source>
        <translation>Espèces : la caisse l’a déposée</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/ttr_prompt.py" line="97"/>
        <source>Not cash (chips, card, transfer)</source>
        <translation>Pas d’espèces (jetons, carte, virement)</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/ttr_prompt.py" line="98"/>
        <source>Worth less than the threshold</source>
        <translation>Valeur inférieure au seuil</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/ttr_prompt.py" line="127"/>
        <source>A decision is needed. If you are not sure, refer it to the AML team.</source>
        <translation>Une décision est nécessaire. En cas de doute, transmettez à l’équipe LBC.</translation>
    </message>
</context>
<context>
    <name>UpdateNotice</name>
    <message>
        <location filename="../../ui/updates/watcher.py" line="99"/>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/updates/watcher.py" line="101"/>
        <source>Dismiss the update notice</source>
        <translation>Fermer l&apos;avis de mise à jour</translation>
    </message>
</context>
<context>
    <name>WalkInForm</name>
    <message>
        <location filename="../../ui/desk/walk_in.py" line="37"/>
        <source>Register a walk-in</source>
        <translation>Enregistrer un client de passage</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walk_in.py" line="63"/>
        <source>Name as the guest gives it</source>
        <translation>Nom tel que le client le donne</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walk_in.py" line="64"/>
        <source>Optional, with + country code</source>
        <translation>Facultatif, avec l&apos;indicatif + du pays</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walk_in.py" line="56"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walk_in.py" line="57"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walk_in.py" line="70"/>
        <source>Tier</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walk_in.py" line="58"/>
        <source>Loyalty card</source>
        <translation>Carte de fidélité</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walk_in.py" line="66"/>
        <source>Optional: swipe the card (or a new one is issued)</source>
        <translation>Facultatif : passez la carte (sinon une nouvelle carte est émise)</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walk_in.py" line="72"/>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walk_in.py" line="73"/>
        <source>Register</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walk_in.py" line="108"/>
        <source>That was a payment card: nothing was read or stored.</source>
        <translation>C&apos;était une carte de paiement : rien n&apos;a été lu ni enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walk_in.py" line="110"/>
        <source>The card could not be read. Swipe it again.</source>
        <translation>La carte n&apos;a pas pu être lue. Passez-la à nouveau.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walk_in.py" line="118"/>
        <source>Fewest guests</source>
        <translation>Le moins de clients</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walk_in.py" line="120"/>
        <source>{name} ({count})</source>
        <translation>{name} ({count})</translation>
    </message>
</context>
<context>
    <name>category</name>
    <message>
        <location filename="../../ui/board/labels.py" line="13"/>
        <source>Account blocked</source>
        <translation>Compte bloqué</translation>
    </message>
    <message>
        <location filename="../../ui/board/labels.py" line="14"/>
        <source>Payment dispute</source>
        <translation>Litige de paiement</translation>
    </message>
    <message>
        <location filename="../../ui/board/labels.py" line="15"/>
        <source>Broken transfer</source>
        <translation>Transfert manqué</translation>
    </message>
    <message>
        <location filename="../../ui/board/labels.py" line="16"/>
        <source>Room overbooking</source>
        <translation>Surréservation de chambre</translation>
    </message>
    <message>
        <location filename="../../ui/board/labels.py" line="17"/>
        <source>Game unavailable</source>
        <translation>Jeu indisponible</translation>
    </message>
    <message>
        <location filename="../../ui/board/labels.py" line="18"/>
        <source>Payment failed</source>
        <translation>Paiement échoué</translation>
    </message>
    <message>
        <location filename="../../ui/board/labels.py" line="19"/>
        <source>Equipment down</source>
        <translation>Équipement en panne</translation>
    </message>
    <message>
        <location filename="../../ui/board/labels.py" line="20"/>
        <source>Table dispute</source>
        <translation>Litige à la table</translation>
    </message>
    <message>
        <location filename="../../ui/board/labels.py" line="21"/>
        <source>Billing error</source>
        <translation>Erreur de facturation</translation>
    </message>
    <message>
        <location filename="../../ui/board/labels.py" line="22"/>
        <source>Service wait</source>
        <translation>Attente de service</translation>
    </message>
    <message>
        <location filename="../../ui/board/labels.py" line="23"/>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
</context>
<context>
    <name>channels</name>
    <message>
        <location filename="../../ui/incident/labels.py" line="44"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location filename="../../ui/incident/labels.py" line="45"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location filename="../../ui/incident/labels.py" line="46"/>
        <source>Secure messenger</source>
        <translation>Messagerie sécurisée</translation>
    </message>
    <message>
        <location filename="../../ui/incident/labels.py" line="47"/>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../ui/incident/labels.py" line="48"/>
        <source>On site (VIP desk)</source>
        <translation>Sur place (accueil VIP)</translation>
    </message>
</context>
<context>
    <name>clock</name>
    <message>
        <location filename="../../ui/incident/labels.py" line="55"/>
        <source>{days}d {time}</source>
        <comment>2d 04:10: days, then h:mm</comment>
        <translation>{days} j {time}</translation>
    </message>
    <message>
        <location filename="../../ui/incident/labels.py" line="132"/>
        <source>{days} d {hours} h</source>
        <translation>{days} j {hours} h</translation>
    </message>
    <message>
        <location filename="../../ui/incident/labels.py" line="136"/>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
    <message>
        <location filename="../../ui/incident/labels.py" line="139"/>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
</context>
<context>
    <name>console</name>
    <message>
        <location filename="../../ui/application.py" line="202"/>
        <source>Local store</source>
        <translation>Stockage local</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="210"/>
        <source>The local store failed its integrity check and was moved aside to {path}; a new empty store was created. Tell IT: what was not yet sent is in that file.</source>
        <translation>Les données locales ont échoué au contrôle d&apos;intégrité et ont été mises de côté dans {path} ; des données vierges ont été créées. Prévenez l&apos;informatique : ce qui n&apos;était pas encore envoyé se trouve dans ce fichier.</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../ui/application.py" line="65"/>
        <source>Something went wrong</source>
        <translation>Une erreur s&apos;est produite</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="67"/>
        <source>The console hit an unexpected error. It was logged; tell IT what you were doing. You can keep working.</source>
        <translation>La console a rencontré une erreur inattendue. Elle a été consignée ; dites à l&apos;informatique ce que vous faisiez. Vous pouvez continuer à travailler.</translation>
    </message>
</context>
<context>
    <name>flags</name>
    <message>
        <location filename="../../ui/guest/search_rows.py" line="33"/>
        <source>Quiet visit</source>
        <translation>Visite tranquille</translation>
    </message>
    <message>
        <location filename="../../ui/guest/search_rows.py" line="34"/>
        <source>SELF-EXCLUDED</source>
        <translation>AUTO-EXCLU</translation>
    </message>
    <message>
        <location filename="../../ui/guest/search_rows.py" line="35"/>
        <source>Cooling-off</source>
        <translation>Période de réflexion</translation>
    </message>
</context>
<context>
    <name>kpis</name>
    <message>
        <location filename="../../ui/kpis/text.py" line="22"/>
        <source>SLA attainment</source>
        <translation>Respect des SLA</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="23"/>
        <source>Table reached in time</source>
        <translation>Table rejointe à temps</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="24"/>
        <source>Decision in time</source>
        <translation>Décision à temps</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="25"/>
        <source>First response in time</source>
        <translation>Première réponse à temps</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="26"/>
        <source>First-contact resolution</source>
        <translation>Résolution au premier contact</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="27"/>
        <source>Reopened within 7 days</source>
        <translation>Rouverts sous 7 jours</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="28"/>
        <source>Guest satisfaction (CSAT)</source>
        <translation>Satisfaction client (CSAT)</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="29"/>
        <source>Recovery promises kept</source>
        <translation>Promesses de réparation tenues</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="36"/>
        <source>Time to acknowledge</source>
        <translation>Délai de prise en compte</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="37"/>
        <source>Time to reach the table</source>
        <translation>Délai pour rejoindre la table</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="38"/>
        <source>Time to decide</source>
        <translation>Délai de décision</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="39"/>
        <source>First-response time</source>
        <translation>Délai de première réponse</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="46"/>
        <source>&lt; 1 h</source>
        <translation>&lt; 1 h</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="47"/>
        <source>1–4 h</source>
        <translation>1–4 h</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="48"/>
        <source>4–24 h</source>
        <translation>4–24 h</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="49"/>
        <source>&gt; 24 h</source>
        <translation>&gt; 24 h</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="59"/>
        <source>{value}%</source>
        <translation>{value}&#xa0;%</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="76"/>
        <source>target {bound}</source>
        <translation>cible {bound}</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="81"/>
        <source>no data yet</source>
        <translation>pas encore de données</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="83"/>
        <source>met</source>
        <translation>atteint</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="85"/>
        <source>missed</source>
        <translation>manqué</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="102"/>
        <source>Whole property, from the helpdesk · as of {time}</source>
        <translation>Tout l&apos;établissement, selon le helpdesk · à {time}</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="105"/>
        <source>This console&apos;s own records (helpdesk not reached) · as of {time}</source>
        <translation>Données de cette console seulement (helpdesk injoignable) · à {time}</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/text.py" line="112"/>
        <source>Incidents opened in the last {hours} h; backlog as of now</source>
        <translation>Incidents ouverts ces {hours} dernières heures ; arriéré à cet instant</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <location filename="../../ui/floor/pages.py" line="21"/>
        <source>Floor map</source>
        <translation>Plan de salle</translation>
    </message>
    <message>
        <location filename="../../ui/shell/board_page.py" line="50"/>
        <location filename="../../ui/shell/board_page.py" line="65"/>
        <source>Board</source>
        <translation>Tableau</translation>
    </message>
    <message>
        <location filename="../../ui/concierge/pages.py" line="20"/>
        <source>Guest preferences</source>
        <translation>Préférences client</translation>
    </message>
    <message>
        <location filename="../../ui/desk/pages.py" line="28"/>
        <source>VIP desk</source>
        <translation>Accueil VIP</translation>
    </message>
    <message>
        <location filename="../../ui/desk/pages.py" line="36"/>
        <source>Register walk-in</source>
        <translation>Enregistrer un client sans réservation</translation>
    </message>
    <message>
        <location filename="../../ui/host/pages.py" line="20"/>
        <source>My guests</source>
        <translation>Mes clients</translation>
    </message>
    <message>
        <location filename="../../ui/incident/pages.py" line="27"/>
        <source>New incident</source>
        <translation>Nouvel incident</translation>
    </message>
    <message>
        <location filename="../../ui/incident/pages.py" line="34"/>
        <source>Incident</source>
        <translation>Incident</translation>
    </message>
    <message>
        <location filename="../../ui/alerts/inbox.py" line="184"/>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <location filename="../../ui/kpis/pages.py" line="18"/>
        <source>KPIs</source>
        <translation>Indicateurs</translation>
    </message>
</context>
<context>
    <name>recovery</name>
    <message>
        <location filename="../../ui/recovery/panel.py" line="35"/>
        <source>P1 past its SLA</source>
        <translation>P1 hors délai SLA</translation>
    </message>
    <message>
        <location filename="../../ui/recovery/panel.py" line="36"/>
        <source>Room overbooking</source>
        <translation>Surréservation de chambre</translation>
    </message>
    <message>
        <location filename="../../ui/recovery/panel.py" line="37"/>
        <source>Broken transfer</source>
        <translation>Transfert manqué</translation>
    </message>
    <message>
        <location filename="../../ui/recovery/panel.py" line="38"/>
        <source>Billing or comp error</source>
        <translation>Erreur de facturation ou de geste</translation>
    </message>
    <message>
        <location filename="../../ui/recovery/panel.py" line="41"/>
        <source>Wait over 10 min in the VIP room</source>
        <translation>Attente de plus de 10 min dans le salon VIP</translation>
    </message>
    <message>
        <location filename="../../ui/recovery/promises.py" line="28"/>
        <source>Promise (details not shown)</source>
        <translation>Promesse (détails non affichés)</translation>
    </message>
    <message>
        <location filename="../../ui/recovery/promises.py" line="35"/>
        <source>Promise</source>
        <translation>Promesse</translation>
    </message>
    <message>
        <location filename="../../ui/recovery/promises.py" line="40"/>
        <source>Delivered {when}</source>
        <translation>Remise le {when}</translation>
    </message>
    <message>
        <location filename="../../ui/recovery/promises.py" line="43"/>
        <source>Promised {when}</source>
        <translation>Promise le {when}</translation>
    </message>
    <message>
        <location filename="../../ui/recovery/promises.py" line="67"/>
        <source>Mark delivered</source>
        <translation>Marquer remise</translation>
    </message>
    <message>
        <location filename="../../ui/recovery/promises.py" line="71"/>
        <source>Mark delivered: {items}</source>
        <translation>Marquer remise : {items}</translation>
    </message>
    <message>
        <location filename="../../ui/recovery/promises.py" line="92"/>
        <source>Promises on this incident</source>
        <translation>Promesses de cet incident</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <location filename="../../ui/roles.py" line="10"/>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <location filename="../../ui/roles.py" line="11"/>
        <source>Pit boss</source>
        <translation>Chef de partie</translation>
    </message>
    <message>
        <location filename="../../ui/roles.py" line="12"/>
        <source>VIP desk</source>
        <translation>Accueil VIP</translation>
    </message>
    <message>
        <location filename="../../ui/roles.py" line="13"/>
        <source>Concierge</source>
        <translation>Concierge</translation>
    </message>
    <message>
        <location filename="../../ui/roles.py" line="14"/>
        <source>Duty manager</source>
        <translation>Responsable de service</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <location filename="../../ui/board/labels.py" line="30"/>
        <source>New</source>
        <translation>Nouveau</translation>
    </message>
    <message>
        <location filename="../../ui/board/labels.py" line="31"/>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location filename="../../ui/board/labels.py" line="32"/>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../../ui/board/labels.py" line="33"/>
        <source>Resolved</source>
        <translation>Résolu</translation>
    </message>
    <message>
        <location filename="../../ui/board/labels.py" line="34"/>
        <source>Closed</source>
        <translation>Clos</translation>
    </message>
</context>
<context>
    <name>timeline</name>
    <message>
        <location filename="../../ui/guest/timeline.py" line="35"/>
        <source>Flag</source>
        <translation>Indicateur</translation>
    </message>
    <message>
        <location filename="../../ui/guest/timeline.py" line="36"/>
        <source>Incident</source>
        <translation>Incident</translation>
    </message>
    <message>
        <location filename="../../ui/guest/timeline.py" line="37"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/guest/timeline.py" line="38"/>
        <source>Compensation</source>
        <translation>Compensation</translation>
    </message>
    <message>
        <location filename="../../ui/guest/timeline.py" line="39"/>
        <source>Compensation delivered</source>
        <translation>Compensation remise</translation>
    </message>
    <message>
        <location filename="../../ui/guest/timeline.py" line="40"/>
        <source>Act signed</source>
        <translation>Acte signé</translation>
    </message>
    <message>
        <location filename="../../ui/guest/timeline.py" line="48"/>
        <source>Quiet visit</source>
        <translation>Visite tranquille</translation>
    </message>
    <message>
        <location filename="../../ui/guest/timeline.py" line="50"/>
        <source>Self-excluded: no play incentives</source>
        <translation>Auto-exclu : aucune incitation au jeu</translation>
    </message>
    <message>
        <location filename="../../ui/guest/timeline.py" line="52"/>
        <source>Cooling-off until {date}</source>
        <translation>Période de réflexion jusqu&apos;au {date}</translation>
    </message>
    <message>
        <location filename="../../ui/guest/timeline.py" line="61"/>
        <source>Act {number}</source>
        <translation>Acte {number}</translation>
    </message>
    <message>
        <location filename="../../ui/guest/timeline.py" line="70"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../../ui/guest/timeline.py" line="71"/>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location filename="../../ui/guest/timeline.py" line="72"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../ui/guest/timeline.py" line="73"/>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <location filename="../../ui/guest/timeline.py" line="83"/>
        <source>now</source>
        <translation>maintenant</translation>
    </message>
</context>
</TS>
