/** The users' streams ({@code user_timeline}): batched appends, pages, entries as clients see them. */
package im.logic.timeline;
