package im.org.user;

/** One department path of one user; MyBatis fills the fields. */
public class UserPathRow {
    public Long userId;
    public String path;
}
