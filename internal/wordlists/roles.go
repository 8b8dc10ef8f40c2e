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

// RailPrefixes open a rail header: "More from …", "Latest from …". Each is
// matched followed by a space.
const RailPrefixes = `
more from
more in
more on
more
latest from
related to
`

// CaptionPrefixes open a photo or video caption.
const CaptionPrefixes = `
image:
photo:
picture:
photograph:
caption:
illustration:
graphic:
video:
watch:
image credit
photo credit
credit:
(photo
file photo
pictured:
photo by
image by
(ap photo
[image
[photo
`

// CaptionCredits end a caption: a photo agency's credit. Quoted lines keep
// their spaces.
const CaptionCredits = `
(ap photo
getty images
/reuters)
/ reuters
/afp
/ afp
shutterstock
"photo by "
"photograph: "
(photo:
(photo by
(credit:
/ap)
via getty
epa-efe
(image:
photo credit
`

// FooterLinks are the links of a site's footer, as whole lines.
const FooterLinks = `
privacy policy
terms of use
terms of service
cookie policy
about us
contact us
accessibility
sitemap
site map
careers
advertise with us
terms and conditions
do not sell my personal information
`

// ShareBarWords are the words a line of share buttons is made of.
const ShareBarWords = `share facebook twitter x email e-mail whatsapp linkedin reddit print
copy link pinterest flipboard telegram messenger on this article story via tweet
comments save gift`

// BylinePrefixes open a byline; each is matched followed by a space.
const BylinePrefixes = `
by
written by
reporting by
additional reporting by
editing by
compiled by
words by
story by
reported by
`

// BylineJobs make a short line that names them a byline: "Staff Writer".
const BylineJobs = `
staff writer
correspondent
columnist
contributor
reporter
contributing writer
senior writer
opinion writer
guest writer
special to
`

// DatelinePrefixes open a dateline: "Updated 5:03 PM".
const DatelinePrefixes = `
updated
published
posted
last updated
first published
modified
`

// DatelineSuffixes end a dateline: "3 hours ago", "5 min read". Quoted
// lines keep their spaces.
const DatelineSuffixes = `
" ago"
" min read"
" minute read"
" minutes read"
`

// DatelineWords make a line with a digit a dateline, as a month name does:
// days of the week, time zones, am and pm.
const DatelineWords = `monday tuesday wednesday thursday friday saturday sunday et est edt gmt
utc bst pm am`
