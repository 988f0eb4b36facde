package im.client.cli;

import im.client.Endpoint;
import im.client.LoginClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code im-cli login}: the HTTP login alone; prints the user id, the token and the access endpoints. */
@Command(name = "login", description = "Log in over HTTP; print your user id, token and access endpoints.")
final class LoginCommand implements Callable<Integer> {
    @ParentCommand
    ImCli cli;

    @Override
    public Integer call() throws Exception {
        LoginClient.Login login = Session.login(cli).login();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("ok", true);
        f.put("userId", Long.toString(login.userId()));
        f.put("tenantId", Long.toString(login.tenantId()));
        f.put("token", login.token());
        f.put("expiresAt", login.expiresAt());
        List<Map<String, String>> endpoints = login.endpoints().stream()
                .map(e -> Map.of("tcp", e.tcp(), "ws", e.ws())).toList();
        f.put("endpoints", endpoints);
        cli.out().result("logged in as user " + login.userId() + " of tenant " + login.tenantId()
                + "; access nodes (least loaded first): "
                + String.join(", ", login.endpoints().stream().map(Endpoint::tcp).toList())
                + "\ntoken: " + login.token(), f);
        return ExitCodes.OK;
    }
}
