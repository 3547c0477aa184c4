// Package render is everything errcode shows a person or a script: entry cards and tables on a terminal,
// plain and tab-separated text on a pipe, and JSON. It decides colour once per stream and sanitises text that came
// from untrusted input before it reaches a terminal. It knows package codes' types and nothing about commands or
// about any one provider: what a card says of a provider (such as S3Note) comes from codes.
package render
