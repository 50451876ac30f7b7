from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_rows.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_tier_badge = l_0_answer_badge = l_0_set_row = l_0_change_row = l_0_region_row = l_0_criterion_row = l_0_answer_group = missing
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    included_template = environment.get_template('_macros.html.j2', '_rows.html.j2')._get_default_module(context)
    l_0_tier_badge = getattr(included_template, 'tier_badge', missing)
    if l_0_tier_badge is missing:
        l_0_tier_badge = undefined(f"the template {included_template.__name__!r} (imported on line 3 in '_rows.html.j2') does not export the requested name 'tier_badge'", name='tier_badge')
    l_0_answer_badge = getattr(included_template, 'answer_badge', missing)
    if l_0_answer_badge is missing:
        l_0_answer_badge = undefined(f"the template {included_template.__name__!r} (imported on line 3 in '_rows.html.j2') does not export the requested name 'answer_badge'", name='answer_badge')
    context.vars.update({'tier_badge': l_0_tier_badge, 'answer_badge': l_0_answer_badge})
    context.exported_vars.difference_update(('tier_badge', 'answer_badge'))
    def macro(l_1_r):
        t_2 = []
        l_1__ = resolve('_')
        if l_1_r is missing:
            l_1_r = undefined("parameter 'r' was not provided", name='r')
        pass
        t_2.extend((
            '    <tr data-region="',
            escape(environment.getattr(l_1_r, 'region')),
            '" data-tier="',
            escape(environment.getattr(environment.getattr(l_1_r, 'tier'), 'id')),
            '" data-assessed="',
            escape(('yes' if environment.getattr(l_1_r, 'assessed') else 'no')),
            '" data-search="',
            escape(environment.getattr(l_1_r, 'search')),
            '">\n      <th scope="row" data-sort="',
            escape(environment.getattr(l_1_r, 'country')),
            '"><a href="',
            escape(environment.getattr(l_1_r, 'href')),
            '">',
            escape(environment.getattr(l_1_r, 'country')),
            '</a>',
        ))
        if environment.getattr(l_1_r, 'illustrative'):
            pass
            t_2.extend((
                ' <span class="flag" title="',
                escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Illustrative coding')),
                '">',
                escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'illustrative')),
                '</span>',
            ))
        if environment.getattr(l_1_r, 'scope'):
            pass
            t_2.extend((
                ' <span class="scope" title="',
                escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Coded for')),
                '">',
                escape(environment.getattr(l_1_r, 'scope')),
                '</span>',
            ))
        t_2.extend((
            '</th>\n      <td data-sort="',
            escape(environment.getattr(l_1_r, 'region')),
            '">',
            escape(environment.getattr(l_1_r, 'region')),
            '</td>\n',
        ))
        for l_2_a in environment.getattr(l_1_r, 'cells'):
            _loop_vars = {}
            pass
            t_2.extend((
                '<td class="cell ans-',
                escape(environment.getattr(l_2_a, 'cls')),
                '" data-sort="',
                escape(environment.getattr(l_2_a, 'sort')),
                '">',
                escape(environment.call(context, (undefined(name='answer_badge') if l_0_answer_badge is missing else l_0_answer_badge), l_2_a, _loop_vars=_loop_vars)),
                '</td>',
            ))
        l_2_a = missing
        t_2.extend((
            '      <td class="num" data-sort="',
            escape(environment.getattr(l_1_r, 'met')),
            '">',
            escape(environment.getattr(l_1_r, 'met')),
            '</td>\n      <td class="tier-cell" data-sort="',
            escape(environment.getattr(l_1_r, 'tier_sort')),
            '">',
            escape(environment.call(context, (undefined(name='tier_badge') if l_0_tier_badge is missing else l_0_tier_badge), environment.getattr(l_1_r, 'tier'))),
            '</td>\n      <td data-sort="',
            escape(environment.getattr(l_1_r, 'edition')),
            '">',
            escape(environment.getattr(l_1_r, 'edition')),
            '</td>\n    </tr>\n',
        ))
        return concat(t_2)
    context.exported_vars.add('set_row')
    context.vars['set_row'] = l_0_set_row = Macro(environment, macro, 'set_row', ('r',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_ch):
        t_3 = []
        if l_1_ch is missing:
            l_1_ch = undefined("parameter 'ch' was not provided", name='ch')
        pass
        t_3.extend((
            '      <tr><th scope="row"><a href="',
            escape(environment.getattr(l_1_ch, 'href')),
            '">',
            escape(environment.getattr(l_1_ch, 'country')),
            '</a></th><td>',
            escape(environment.call(context, (undefined(name='tier_badge') if l_0_tier_badge is missing else l_0_tier_badge), environment.getattr(l_1_ch, 'before'))),
            '</td><td>',
            escape(environment.call(context, (undefined(name='tier_badge') if l_0_tier_badge is missing else l_0_tier_badge), environment.getattr(l_1_ch, 'after'))),
            '</td><td>',
            escape(environment.getattr(l_1_ch, 'details')),
            '</td></tr>\n',
        ))
        return concat(t_3)
    context.exported_vars.add('change_row')
    context.vars['change_row'] = l_0_change_row = Macro(environment, macro, 'change_row', ('ch',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_r):
        t_4 = []
        if l_1_r is missing:
            l_1_r = undefined("parameter 'r' was not provided", name='r')
        pass
        t_4.extend((
            '    <tr><th scope="row" data-sort="',
            escape(environment.getattr(l_1_r, 'country')),
            '"><a href="',
            escape(environment.getattr(l_1_r, 'href')),
            '">',
            escape(environment.getattr(l_1_r, 'country')),
            '</a></th>',
        ))
        for l_2_a in environment.getattr(l_1_r, 'cells'):
            _loop_vars = {}
            pass
            t_4.extend((
                '<td class="cell ans-',
                escape(environment.getattr(l_2_a, 'cls')),
                '" data-sort="',
                escape(environment.getattr(l_2_a, 'sort')),
                '">',
                escape(environment.call(context, (undefined(name='answer_badge') if l_0_answer_badge is missing else l_0_answer_badge), l_2_a, _loop_vars=_loop_vars)),
                '</td>',
            ))
        l_2_a = missing
        t_4.extend((
            '<td data-sort="',
            escape(environment.getattr(l_1_r, 'tier_sort')),
            '">',
            escape(environment.call(context, (undefined(name='tier_badge') if l_0_tier_badge is missing else l_0_tier_badge), environment.getattr(l_1_r, 'tier'))),
            '</td></tr>\n',
        ))
        return concat(t_4)
    context.exported_vars.add('region_row')
    context.vars['region_row'] = l_0_region_row = Macro(environment, macro, 'region_row', ('r',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_c):
        t_5 = []
        l_1__ = resolve('_')
        if l_1_c is missing:
            l_1_c = undefined("parameter 'c' was not provided", name='c')
        pass
        t_5.extend((
            '    <tr><th scope="row" data-sort="',
            escape(environment.getattr(l_1_c, 'country')),
            '"><a href="',
            escape(environment.getattr(l_1_c, 'href')),
            '">',
            escape(environment.getattr(l_1_c, 'country')),
            '</a>',
        ))
        if environment.getattr(l_1_c, 'scope'):
            pass
            t_5.extend((
                ' <span class="scope" title="',
                escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Coded for')),
                '">',
                escape(environment.getattr(l_1_c, 'scope')),
                '</span>',
            ))
        t_5.extend((
            '</th>\n      <td class="cell ans-',
            escape(environment.getattr(environment.getattr(l_1_c, 'answer'), 'cls')),
            '" data-sort="',
            escape(environment.getattr(environment.getattr(l_1_c, 'answer'), 'sort')),
            '">',
            escape(environment.call(context, (undefined(name='answer_badge') if l_0_answer_badge is missing else l_0_answer_badge), environment.getattr(l_1_c, 'answer'))),
            '</td>\n      <td>',
        ))
        if environment.getattr(l_1_c, 'provisions'):
            pass
            t_5.append(
                '<ul class="plain">',
            )
            for l_2_p in environment.getattr(l_1_c, 'provisions'):
                _loop_vars = {}
                pass
                t_5.extend((
                    '<li>',
                    escape(l_2_p),
                    '</li>',
                ))
            l_2_p = missing
            t_5.append(
                '</ul>',
            )
        else:
            pass
            t_5.extend((
                '<span class="none">',
                escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'None cited')),
                '</span>',
            ))
        t_5.extend((
            '</td>\n      <td>',
            escape(environment.getattr(l_1_c, 'note')),
            '</td></tr>\n',
        ))
        return concat(t_5)
    context.exported_vars.add('criterion_row')
    context.vars['criterion_row'] = l_0_criterion_row = Macro(environment, macro, 'criterion_row', ('c',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_g):
        t_6 = []
        l_1__ = resolve('_')
        if l_1_g is missing:
            l_1_g = undefined("parameter 'g' was not provided", name='g')
        pass
        t_6.extend((
            '<section class="answer-group">\n<h3>',
            escape(environment.call(context, (undefined(name='answer_badge') if l_0_answer_badge is missing else l_0_answer_badge), l_1_g)),
            ' <span class="of">(',
            escape(t_1(environment.getattr(l_1_g, 'countries'))),
            ')</span></h3>\n',
        ))
        if environment.getattr(l_1_g, 'countries'):
            pass
            t_6.append(
                '<ul class="inline">',
            )
            for l_2_c in environment.getattr(l_1_g, 'countries'):
                _loop_vars = {}
                pass
                t_6.extend((
                    '<li><a href="',
                    escape(environment.getattr(l_2_c, 'href')),
                    '">',
                    escape(environment.getattr(l_2_c, 'country')),
                    '</a></li>',
                ))
            l_2_c = missing
            t_6.append(
                '</ul>\n',
            )
        else:
            pass
            t_6.extend((
                '<p class="none">',
                escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'None.')),
                '</p>',
            ))
        t_6.append(
            '</section>\n',
        )
        return concat(t_6)
    context.exported_vars.add('answer_group')
    context.vars['answer_group'] = l_0_answer_group = Macro(environment, macro, 'answer_group', ('g',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '3=18&4=27&5=35&6=43&7=70&8=75&9=90&10=94&11=98&14=106&15=113&17=127&18=134&20=164&21=172&22=190&23=197&24=223&26=229&28=237&29=242&30=247&31=265'

# Generated by `python3 -m legalreview.render.precompile` from templates/_rows.html.j2: do not edit.
