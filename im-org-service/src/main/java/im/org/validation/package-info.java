/** Input checks shared by every org endpoint: each refusal is a {@code BAD_REQUEST} naming the field. */
package im.org.validation;
