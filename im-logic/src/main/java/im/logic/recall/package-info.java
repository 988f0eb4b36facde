/** Recall within 24 h (privileged users at any time). */
package im.logic.recall;
