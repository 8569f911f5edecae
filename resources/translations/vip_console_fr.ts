<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>BoardModel</name>
    <message>
        <location filename="../../ui/board/model.py" line="83" />
        <source>Ticket</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="84" />
        <source>Priority</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="85" />
        <source>Category</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="86" />
        <source>Guest</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="87" />
        <source>Table / location</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="88" />
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="89" />
        <source>Level</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="90" />
        <source>Time to breach</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="91" />
        <source>Next update</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="273" />
        <source>OVERDUE {t}</source>
        <translation>EN RETARD {t}</translation>
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="274" />
        <source>in {t}</source>
        <translation>dans {t}</translation>
    </message>
</context>
<context>
    <name>BoardView</name>
    <message>
        <location filename="../../ui/board/view.py" line="156" />
        <source>Open incidents: {n}   ·   breached: {b}</source>
        <translation>Incidents ouverts : {n}   ·   hors délai : {b}</translation>
    </message>
</context>
<context>
    <name>GuestCardWidget</name>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="48" />
        <source>Swipe a card or search for a guest.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="70" />
        <source>Guest</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="72" />
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="74" />
        <source>Host</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="76" />
        <source>Languages</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="77" />
        <source>Currency</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="80" />
        <source>Channels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="83" />
        <source>Room</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="84" />
        <source>Phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="85" />
        <source>Card</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="90" />
        <source>Code word</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="90" />
        <source>on file: ask the guest, never say it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="94" />
        <source>Preferences</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="96" />
        <source>Drinks</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="97" />
        <source>Meals</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="98" />
        <source>Rooms</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="99" />
        <source>Tables / games</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="100" />
        <source>Communication</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="101" />
        <source>Transfers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="110" />
        <source>Travel risk profile</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="112" />
        <source>Documents</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="114" />
        <source>Visas</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="116" />
        <source>Insurance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="118" />
        <source>Cash limit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="122" />
        <source>Limits and value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="124" />
        <source>Table limit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="125" />
        <source>Credit line</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="126" />
        <source>ADT</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="127" />
        <source>Theo (this trip)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="135" />
        <source>Personal time limit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="136" />
        <source>{m} min a day</source>
        <translation>{m} min par jour</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="140" />
        <source>Personal bankroll limit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="147" />
        <source>Itinerary</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="153" />
        <source>Incident history</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="157" />
        <source>No incidents on file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="173" />
        <source>no public paging or announcements</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="175" />
        <source>no camera / press</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="177" />
        <source>contact through the host only</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="179" />
        <source>private corridors and lifts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="180" />
        <source>QUIET VISIT</source>
        <translation>VISITE TRANQUILLE</translation>
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="183" />
        <source>SELF-EXCLUDED — no play incentives (no free play, no bonus play).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/card_widget.py" line="187" />
        <source>COOLING-OFF until {date} — no play incentives.</source>
        <translation>PÉRIODE DE RÉFLEXION jusqu'au {date} — aucune incitation au jeu.</translation>
    </message>
</context>
<context>
    <name>GuestLookupPanel</name>
    <message>
        <location filename="../../ui/guest/lookup.py" line="113" />
        <source>Search guest by name or phone — or swipe a card</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/lookup.py" line="134" />
        <source>Register walk-in</source>
        <translation>Enregistrer le visiteur</translation>
    </message>
    <message>
        <location filename="../../ui/guest/lookup.py" line="138" />
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/guest/lookup.py" line="186" />
        <source>That was a payment card: nothing was read or stored. Ask for the loyalty card.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/lookup.py" line="206" />
        <source>Card not found ({card}). The guest may be a walk-in.</source>
        <translation>Carte inconnue ({card}). Le client est peut-être un visiteur sans réservation.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="47" />
        <source>VIP Host Console</source>
        <translation>Console des hôtes VIP</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="66" />
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="86" />
        <source>Signed in: {name} ({staff}) · role: {role} · device: {device}</source>
        <translation>Connecté : {name} ({staff}) · rôle : {role} · poste : {device}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="162" />
        <source>Walk-in registration is not available yet.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../ui/sign_in/screen.py" line="53" />
        <source>VIP Host Console</source>
        <translation>Console des hôtes VIP</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/screen.py" line="56" />
        <source>Sign in with your staff id and PIN</source>
        <translation>Connectez-vous avec votre identifiant et votre code PIN</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/screen.py" line="62" />
        <location filename="../../ui/sign_in/screen.py" line="63" />
        <source>Staff id</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/screen.py" line="66" />
        <location filename="../../ui/sign_in/screen.py" line="67" />
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/screen.py" line="82" />
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/screen.py" line="121" />
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/screen.py" line="126" />
        <source>Delete last digit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/sign_in/screen.py" line="157" />
        <source>Enter your staff id.</source>
        <translation>Saisissez votre identifiant.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/screen.py" line="161" />
        <source>Enter your PIN.</source>
        <translation>Saisissez votre code PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/screen.py" line="189" />
        <source>Sign-in is unavailable right now. Try again or call IT.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/sign_in/screen.py" line="194" />
        <source>Wrong staff id or PIN.</source>
        <translation>Identifiant ou code PIN incorrect.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/screen.py" line="196" />
        <source>Wrong staff id or PIN. No attempts left.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../ui/sign_in/screen.py" line="197" />
        <source>Wrong staff id or PIN. %n attempt(s) left.</source>
        <translation>
            <numerusform>Identifiant ou code PIN incorrect. %n essai restant.</numerusform><numerusform>Identifiant ou code PIN incorrect. %n essais restants.</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/sign_in/screen.py" line="201" />
        <source>This account is locked. Ask a supervisor to unlock it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/sign_in/screen.py" line="203" />
        <source>Too many wrong PINs: this account is locked until {time}.</source>
        <translation>Trop de codes PIN erronés : ce compte est bloqué jusqu'à {time}.</translation>
    </message>
</context>
<context>
    <name>category</name>
    <message>
        <location filename="../../ui/board/model.py" line="342" />
        <source>Account blocked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="343" />
        <source>Payment dispute</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="344" />
        <source>Broken transfer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="345" />
        <source>Room overbooking</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="346" />
        <source>Game unavailable</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="347" />
        <source>Payment failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="348" />
        <source>Equipment down</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="349" />
        <source>Table dispute</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="350" />
        <source>Billing error</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="351" />
        <source>Service wait</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="352" />
        <source>Other</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../ui/application.py" line="63" />
        <source>Something went wrong</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/application.py" line="65" />
        <source>The console hit an unexpected error. It was logged; tell IT what you were doing. You can keep working.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>flags</name>
    <message>
        <location filename="../../ui/guest/lookup.py" line="60" />
        <source>Quiet visit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/lookup.py" line="61" />
        <source>SELF-EXCLUDED</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/guest/lookup.py" line="62" />
        <source>Cooling-off</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <location filename="../../ui/main_window.py" line="169" />
        <source>Host</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="170" />
        <source>Pit boss</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171" />
        <source>VIP desk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="172" />
        <source>Concierge</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <location filename="../../ui/board/model.py" line="359" />
        <source>New</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="360" />
        <source>In progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="361" />
        <source>Waiting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="362" />
        <source>Resolved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="363" />
        <source>Closed</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>