package dev.gradus.simd;

import dev.gradus.rules.AdaBound;
import dev.gradus.rules.AdaMod;
import dev.gradus.rules.Adagrad;
import dev.gradus.rules.Adam;
import dev.gradus.rules.Adamax;
import dev.gradus.rules.DiffGrad;
import dev.gradus.rules.Lookahead;
import dev.gradus.rules.NAdam;
import dev.gradus.rules.RAdam;
import dev.gradus.rules.Ranger;
import dev.gradus.rules.Rmsprop;
import dev.gradus.rules.Rule;
import dev.gradus.rules.Sgd;
import dev.gradus.rules.Yogi;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every element-wise rule of the catalogue at its defaults (SWATS, which steps whole parameters, aside), by name. */
final class ElementWiseRules {

    private ElementWiseRules() {
    }

    /** A new map each call, in a fixed order, so a test may add to it. */
    static Map<String, Rule> all() {
        Map<String, Rule> rules = new LinkedHashMap<>();
        rules.put("sgd-momentum", new Sgd().withMomentum(0.9));
        rules.put("adam", Adam.adam());
        rules.put("adamw", Adam.adamW());
        rules.put("amsgrad", Adam.adam().withAmsgrad(true));
        rules.put("adagrad", new Adagrad());
        rules.put("rmsprop", new Rmsprop());
        rules.put("adamax", new Adamax());
        rules.put("nadam", NAdam.nadam());
        rules.put("radam", RAdam.radam());
        rules.put("adabound", AdaBound.adaBound());
        rules.put("amsbound", AdaBound.amsBound());
        rules.put("adamod", new AdaMod());
        rules.put("diffgrad", new DiffGrad());
        rules.put("yogi", new Yogi());
        rules.put("lookahead-adam", Lookahead.around(Adam.adam()));
        rules.put("ranger", new Ranger());
        return rules;
    }
}
