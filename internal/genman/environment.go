package main

// environment is the ENVIRONMENT section of errcode(1). The colour rules are render.ChooseProfile's; the pager
// rules are those of the pager (ERRCODE_PAGER over PAGER over less -FRX, --no-pager), as README describes both.
const environment = `.SH ENVIRONMENT
.TP
.B NO_COLOR
Any non-empty value drops colour on a terminal but keeps bold, italic and reverse video, and wins over
CLICOLOR_FORCE.
--color=always still colours.
.TP
.B CLICOLOR
0 drops colour on a terminal, as NO_COLOR does.
.TP
.B CLICOLOR_FORCE
Any value but 0 colours output even into a pipe, unless NO_COLOR is set. The layout stays the pipe's:
plain text and tab-separated rows.
.TP
.B TERM
dumb turns styling off, as on a pipe. errcode never queries the terminal.
.TP
.B ERRCODE_PAGER
The pager for output longer than the terminal, split into words as a shell would, without expansion.
It wins over PAGER even when empty; an empty value or cat means no pager. Output into a pipe and the
output of retry are never paged, and --no-pager turns paging off for one run.
.TP
.B PAGER
The pager when ERRCODE_PAGER is unset. When neither is set, errcode uses less -FRX.
`
