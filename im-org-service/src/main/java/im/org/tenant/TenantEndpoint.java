package im.org.tenant;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.Caller;
import im.api.org.TenantCreated;
import im.api.org.TenantService;
import im.org.auth.PasswordHasher;
import im.org.store.Transactions;
import im.org.user.UserMapper;
import im.org.user.UserRow;
import im.org.validation.Inputs;

/** {@link TenantService} over Dubbo. Thread-safe. */
public final class TenantEndpoint implements TenantService {
    private final Transactions tx;
    private final PasswordHasher passwords;

    public TenantEndpoint(Transactions tx, PasswordHasher passwords) {
        this.tx = tx;
        this.passwords = passwords;
    }

    @Override
    public TenantCreated createTenant(Caller caller, String code, String name, String adminAccount,
                                      String adminPassword) throws ImException {
        if (caller == null || !caller.isPlatformAdmin()) {
            throw new ImException(ErrorCode.FORBIDDEN, "platform admin only");
        }
        String c = Inputs.tenantCode(code);
        if (Caller.PLATFORM_TENANT_CODE.equals(c)) {
            throw Inputs.bad("code 'platform' is reserved");
        }
        String n = Inputs.name("name", name);
        String account = Inputs.account("adminAccount", adminAccount);
        String hash = passwords.hash(Inputs.password("adminPassword", adminPassword)); // slow: outside the transaction
        long now = System.currentTimeMillis();
        return tx.write("create tenant", s -> {
            TenantMapper tenants = s.getMapper(TenantMapper.class);
            if (tenants.findByCode(c) != null) {
                throw Inputs.bad("tenant code '" + c + "' is taken");
            }
            TenantRow tenant = new TenantRow();
            tenant.code = c;
            tenant.name = n;
            tenant.createdAt = now;
            tenants.insert(tenant);
            UserRow admin = new UserRow();
            admin.tenantId = tenant.id;
            admin.account = account;
            admin.name = account;
            admin.passwordHash = hash;
            admin.role = UserRow.ROLE_TENANT_ADMIN;
            admin.disabled = false;
            admin.createdAt = now;
            s.getMapper(UserMapper.class).insert(admin);
            return new TenantCreated(tenant.id, admin.id);
        });
    }
}
