package keys.domain;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Names for client keys created without one: "Adjective Animal" in Title Case, each word 1..10
 * ASCII letters ({@code Liked Pegasus}, {@code Bold Oarfish}). Our own friendly word lists.
 */
public final class KeyNames {
    static final List<String> ADJECTIVES = words("""
            able adept agile alert amazing amiable amused ample apt ardent artful astute awake
            aware beaming beloved benign blessed blithe bold bonny brave breezy bright brisk
            bubbly buoyant calm candid capable careful caring charmed cheerful cheery chic chipper
            choice civil classic clean clear clever comfy cosmic cozy crisp cuddly curious dapper
            daring dashing dazzling decent deft devoted dreamy dynamic eager earnest easy elated
            elegant eminent endless epic exact fair faithful fancy fearless festive fine fleet
            fluent fond frank free fresh friendly frisky gallant generous gentle genuine giant
            gifted giving glad gleaming glowing golden good graceful grand grateful great happy
            hardy hearty helpful heroic honest hopeful humble ideal intrepid jazzy jolly jovial
            joyful joyous jubilant keen kind kindly liked likable lively logical loving loyal
            lucid lucky lush magical majestic mellow merry mighty mindful modest neat nifty
            nimble noble novel open optimal patient peaceful peppy perky placid playful pleasant
            plucky polished polite precious prime proud quick quiet quirky radiant rapid rare
            ready regal relaxed reliable resolute robust rosy royal rustic sage savvy serene
            shiny silky sincere sleek smart smiling snappy snug social solid sparkling spirited
            splendid spry stable steady stellar sterling sturdy sunny super superb supreme sweet
            swift tender thankful thrifty tidy tranquil true trusty upbeat valiant vast verdant
            vibrant vivid warm welcome whimsical willing wise witty wonderful worthy zany
            zealous zesty
            """);

    static final List<String> ANIMALS = words("""
            aardvark albatross alligator alpaca anchovy angelfish ant anteater antelope armadillo
            axolotl baboon badger barracuda bat beagle bear beaver bee beetle bison blackbird
            bluebird bluejay bobcat bonobo buffalo bulldog bullfrog bumblebee butterfly buzzard
            camel canary capybara cardinal caribou cat catfish chameleon cheetah chickadee
            chinchilla chipmunk cicada clam clownfish cobra cougar cow coyote crab crane cricket
            crow cuckoo dingo dodo dolphin donkey dove dragon dragonfly duck eagle eel egret
            eland elephant elk emu falcon ferret finch firefly flamingo fox frog gazelle gecko
            gerbil gibbon giraffe gnu goat goldfish goose gopher gorilla griffin grouse guppy
            hamster hare hawk hedgehog heron hippo hornet horse husky ibex ibis iguana impala
            jackal jaguar jellyfish kangaroo kestrel kingfisher kiwi koala koi kudu ladybug
            lemming lemur leopard lion lizard llama lobster lynx macaw magpie mallard manatee
            mandrill marmot meerkat mink mole mongoose moose moth mouse mule narwhal newt oarfish
            ocelot octopus okapi opossum orca oriole osprey ostrich otter owl ox oyster panda
            panther parrot peacock pegasus pelican penguin pheasant phoenix pig pigeon platypus
            pony porcupine possum puffin puma python quail quokka rabbit raccoon ram raven
            reindeer rhino robin salamander salmon sandpiper sardine seahorse seal shark sheep
            shrimp skunk sloth snail sparrow squid squirrel starfish stingray stork swallow swan
            tapir tarsier tiger toad tortoise toucan trout tuna turkey turtle unicorn urchin
            vicuna wallaby walrus warthog weasel whale wildcat wolf wombat woodpecker wren yak
            zebra
            """);

    private KeyNames() {
    }

    /**
     * A name whose words {@code random} picks ({@code bound -> an int in [0, bound)}); servers
     * draw it through {@link Sources#newKeyName()}.
     */
    public static String random(IntUnaryOperator random) {
        return pick(ADJECTIVES, random) + " " + pick(ANIMALS, random);
    }

    private static String pick(List<String> words, IntUnaryOperator random) {
        String w = words.get(random.applyAsInt(words.size()));
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+")).distinct().toList();
    }
}
