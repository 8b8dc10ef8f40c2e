package wordlists

// Page furniture: the short lines and section headers that give a block its
// role. Labels are whole short lines, normalised (lower case, single spaces,
// surrounding punctuation removed), one per line.

// SectionNames are the names of a news site's sections, as menus list them.
const SectionNames = `home news world us u.s. uk politics business opinion opinions sports sport
entertainment tech technology health science lifestyle travel video videos local
weather culture arts food style markets economy media life money finance education
environment climate national international investigations podcasts photos books
music movies tv television fashion crime law justice royals celebrity shopping
real estate cars autos obituaries live latest games puzzles crosswords magazine
commentary columns columnists editorials letters analysis newsletters subscribe
africa americas asia europe middle east australia canada india china`

// AdLabels are the lines that mark an advertisement.
const AdLabels = `
advertisement
advertisements
advertising
ad
ads
sponsored
sponsored content
sponsored stories
paid content
paid post
paid partner content
promoted
promoted content
promoted stories
partner content
story continues below advertisement
article continues below advertisement
continue reading below
content continues below
scroll to continue with content
ad feedback
report this ad
`

// ShareLabels are the lines of share and save buttons.
const ShareLabels = `
share
share this
share this article
share this story
share on facebook
share on twitter
share on x
share via email
tweet
facebook
twitter
email
copy link
link copied
print
whatsapp
reddit
linkedin
pinterest
flipboard
share article
share page
gift this article
save
save article
`

// NavLabels are navigation links: "view all", "next".
const NavLabels = `
view all
see all
see more
show more
load more
more
read more
read full story
back to top
skip to content
skip to main content
skip navigation
menu
search
home
sign in
log in
login
register
subscribe
next
previous
next article
previous article
continue reading
go to page
top
`

// CommentLabels open or count reader comments.
const CommentLabels = `
comments
comment
show comments
view comments
leave a comment
join the conversation
add a comment
post a comment
conversation
`

// NewsletterLabels are newsletter sign-up prompts.
const NewsletterLabels = `
newsletter
newsletters
sign up
sign up for our newsletter
subscribe to our newsletter
get our newsletter
`

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

// RailHeaders are section headers that open a rail of links to other pages: "More News", "Most Read".
const RailHeaders = `
more news
more stories
more top stories
more from
more on this story
related
related articles
related stories
related content
related news
related coverage
related topics
most popular
most read
most viewed
most shared
popular
popular now
trending
trending now
trending stories
recommended
recommended for you
recommended stories
you may also like
you might also like
you may like
read next
up next
what to read next
latest
latest news
latest stories
top stories
top headlines
editor's picks
editors' picks
in other news
don't miss
around the web
from our partners
from around the web
more in
more coverage
further reading
also read
also see
see also
read also
more to explore
`
