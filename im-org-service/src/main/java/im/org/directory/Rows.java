package im.org.directory;

/** The rows {@link DirectoryMapper} reads; MyBatis fills the fields. */
public final class Rows {
    private Rows() {
    }

    /** A department: {@code path} is {@code /root/../self/}. */
    public static final class Department {
        public Long id;
        public Long parentId;
        public String name;
        public String path;
    }

    /** An employee; {@code role} 1 is a tenant admin. */
    public static final class User {
        public Long id;
        public String account;
        public String name;
        public String title;
        public String avatarUrl;
        public Integer role;
        public Boolean disabled;
    }

    /** One department of one employee. */
    public static final class Membership {
        public Long userId;
        public Long departmentId;
    }
}
