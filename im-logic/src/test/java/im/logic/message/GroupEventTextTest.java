package im.logic.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.org.GroupEvent;
import im.api.org.GroupEventKind;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class GroupEventTextTest {

    @Test
    void text_shouldDescribeTheEvent_withIdsAsStrings() {
        String text = GroupEventText.of(new GroupEvent(7, 3, 5, GroupEventKind.MEMBERS_ADDED, 1,
                List.of(9_007_199_254_740_993L, 4L), 1_700_000_000_000L));

        assertThat(text).isEqualTo("{\"kind\":\"MEMBERS_ADDED\",\"groupId\":\"7\",\"operatorId\":\"1\","
                + "\"userIds\":[\"9007199254740993\",\"4\"],\"userCount\":2,\"version\":5,\"time\":1700000000000}");
        assertThat(GroupEventText.users(text)).containsExactly(9_007_199_254_740_993L, 4L);
    }

    @Test
    void users_shouldBeEmpty_forAnEventNamingNobody() {
        String text = GroupEventText.of(new GroupEvent(7, 3, 5, GroupEventKind.CREATED, 1, List.of(), 1L));

        assertThat(GroupEventText.users(text)).isEmpty();
    }

    @Test
    void text_shouldListAtMostTheLimit_andCountEveryone() {
        List<Long> many = LongStream.rangeClosed(1_000_000_000_000_000_000L, 1_000_000_000_000_009_999L).boxed()
                .toList();
        String text = GroupEventText.of(new GroupEvent(7, 3, 5, GroupEventKind.DISMISSED, 1, many, 1L));

        assertThat(GroupEventText.users(text)).containsExactlyElementsOf(many.subList(0,
                GroupEventText.MAX_LISTED_USERS));
        assertThat(text).contains("\"userCount\":10000");
        assertThat(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(65_535);
    }

    @Test
    void users_shouldRefuse_aTextThatIsNoGroupEvent() {
        assertThatThrownBy(() -> GroupEventText.users("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GroupEventText.users("{\"userIds\":[1,2]}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
