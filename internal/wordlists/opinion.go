package wordlists

// Opinion markers: the signs in a page's structure that it is an opinion
// piece. Each place has its own list, because each place uses words
// differently: "views" and "voices" are opinion sections in a URL path but
// not as a headline prefix ("Views differ on…"); "letter" opens an opinion
// headline ("Letter: …") but a byline word "letter" would not make its
// writer a columnist. They sit together so that a new marker is added
// everywhere it applies.

// OpinionHeaders are section headers that open an opinion section.
const OpinionHeaders = `
opinion
opinions
commentary
op-ed
op-eds
oped
opeds
op ed
editorial
editorials
columnists
columns
column
guest essay
guest column
perspective
perspectives
viewpoint
viewpoints
views
voices
letters
letters to the editor
our view
opinion and analysis
opinion & analysis
opinion and commentary
comment is free
from the editorial board
`

// OpinionBylineWords make a byline an opinion writer's: "Jane Doe,
// Columnist".
const OpinionBylineWords = `
columnist
contributor
editorial board
opinion
guest writer
guest essay
commentator
contributing writer
`

// AuthorNoteRoles follow " is " in an opinion writer's bio line ("Jane Doe
// is a columnist for…").
const AuthorNoteRoles = `
a columnist
a contributing
an opinion
a guest columnist
a syndicated columnist
the author of
a senior fellow
an associate professor
a professor of
a contributor
`

// AuthorNoteWrites follow " writes " in an opinion writer's bio line ("She
// writes a column about…").
const AuthorNoteWrites = `
a column
about
`

// Disclaimers are the views-are-the-author's-own notes of opinion pages.
const Disclaimers = `
views expressed
opinions expressed
do not necessarily reflect
this is an opinion
this article is an opinion
`

// OpinionHeadlinePrefixes open an opinion headline when a separator follows
// ("Opinion | …", "Editorial: …").
const OpinionHeadlinePrefixes = `
opinion
op-ed
editorial
column
commentary
guest essay
perspective
letter
`

// OpinionURLSegments are opinion sections in a page's URL path.
const OpinionURLSegments = `
/opinion/
/opinions/
/op-ed/
/oped/
/commentary/
/editorial/
/editorials/
/columns/
/columnists/
/column/
/comment/
/views/
/perspective/
/voices/
`

// OpinionSectionWords make a section name in page markup an opinion section
// when they appear inside it ("Editorials & Letters", "Guest Column"):
// JSON-LD articleSection, article:section, headings.
const OpinionSectionWords = `opinion commentary editorial op-ed oped column perspective viewpoint letters`
