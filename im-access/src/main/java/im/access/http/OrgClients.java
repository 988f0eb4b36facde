package im.access.http;

import im.api.org.AuthService;
import im.api.org.DepartmentService;
import im.api.org.DirectoryService;
import im.api.org.GroupService;
import im.api.org.TenantService;
import im.api.org.UserService;
import im.api.org.VisibilityService;
import im.infra.dubbo.DubboNode;

/**
 * The im-org-service interfaces the HTTP API calls, as Dubbo references (group
 * {@code im-org-service}); usable once the Dubbo node started.
 */
public record OrgClients(DubboNode.Reference<AuthService> auth,
                         DubboNode.Reference<TenantService> tenants,
                         DubboNode.Reference<DepartmentService> departments,
                         DubboNode.Reference<UserService> users,
                         DubboNode.Reference<VisibilityService> visibility,
                         DubboNode.Reference<GroupService> groups,
                         DubboNode.Reference<DirectoryService> directory) {
    static final String GROUP = "im-org-service";

    /** Declares the references on {@code dubbo} (before it starts). */
    public static OrgClients declare(DubboNode dubbo) {
        return new OrgClients(dubbo.reference(AuthService.class, GROUP),
                dubbo.reference(TenantService.class, GROUP),
                dubbo.reference(DepartmentService.class, GROUP),
                dubbo.reference(UserService.class, GROUP),
                dubbo.reference(VisibilityService.class, GROUP),
                dubbo.reference(GroupService.class, GROUP),
                dubbo.reference(DirectoryService.class, GROUP));
    }
}
