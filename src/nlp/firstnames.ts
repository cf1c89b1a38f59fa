// Common given names (French, English, and the names most often met in international news),
// folded: lower case, no accents. A capitalised word from this list in front of another
// capitalised word is strong evidence of a person; on its own, a first name only stands for a
// person already named in full nearby. General data: no name is here because of one story.
const NAMES = `
aaron abdel abdul abdullah adam adel adrian adrien agathe agnes ahmed aida aimee alain alan albert alberto alejandro aleksandr alex alexander alexandra alexandre alexandra alexei alexis alfred ali alice alicia alison alma amanda amelie amina amir amit amy ana anais anastasia andre andrea andreas andrew andy angela angelina angelique anita ann anna anne annie anthony antoine anton antonio arnaud arthur ashley aude audrey aurelie aurelien axel ayesha
barack barbara bart bastien beatrice ben benjamin benoit bernard bertrand beth betty bill bob boris brad brandon brenda brian brigitte bruce bruno bryan
camille carl carla carlos carmen carol caroline catherine cecile cedric celine chantal charles charlie charlotte chloe chris christian christina christine christophe christopher claire clara claude claudia clement colin corinne craig cyril cynthia
damien dan daniel daniela danielle danny david dean deborah denis denise dennis diana diane didier dmitri dmitry dominique donald donna doug douglas dylan
ed eddie edouard edward elena eli elias elisabeth elizabeth ella ellen elliot emilie emily emma emmanuel emmanuelle emmett eric erik erin estelle esther ethan etienne eugene eva evan eve
fabien fabienne fabrice farid fatima felix fernando florence florian francesca francis francisco franck francois francoise frank frederic frederick
gabriel gabrielle gael gary geoffrey george georges gerald gerard gilles gina giovanni giuseppe gordon grace greg gregory guillaume gustavo guy
hannah hans harold harry hassan hector helen helene henri henry herve hillary hugo hugh
ian igor ilya ines ingrid irene isaac isabel isabelle ivan
jack jacob jacqueline jacques jake james jamie jan jane janet jason javier jean jeanne jeff jeffrey jennifer jenny jeremy jerome jerry jessica jesus jim jimmy joan joanna joe joel johan john johnny jon jonathan jordan jorge jose joseph josh joshua juan judith julia julian julie julien justin
karen karim karl kate katherine kathleen kathryn katie kelly ken kenneth kevin kim kirk kristin kurt kyle
larry laura laurence laurent lea leah leo leon leonard liam linda lisa louis louise luc luca lucas lucie lucy luis luke lydia
madeleine manon manuel marc marcel marco margaret maria marianne marie marine mario marion mark martha martin martine mary mathieu mathilde matt matthew matthias maurice max maxime megan melanie melissa michael michel michele michelle miguel mike mikhail mira mohamed mohammed monica monique morgan muhammad muriel
nadia nancy narendra natalia natalie nathalie nathan neil nicholas nick nicolas nicole nina noah noel noemie norman
olga olivia olivier omar oscar
pamela pascal pascale patricia patrick paul paula pauline pedro peggy peter philip philippe pierre pietro priya
rachel rafael rahul ralph ramon raphael raymond rebecca regis remi remy renaud rene richard rick rita robert roberto robin roger roland romain ronald rose ross roy ruth ryan
sabine sacha salma sam samantha samir samuel sandra sara sarah satya scott sean sebastien serge sergei sergey seth sharon shaun sheryl simon simone sofia solene sophie stanley stephane stephanie stephen steve steven stuart sundar susan suzanne sylvain sylvie
tanya ted teresa terry thierry thomas tim timothy tina todd tom tony tristan tyler
valerie vanessa vera veronique victor victoria vincent virginie vivian vladimir
walter warren wendy william
xavier
yann yannick yasmine yves yvonne
zoe
`;

export const FIRST_NAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean));
